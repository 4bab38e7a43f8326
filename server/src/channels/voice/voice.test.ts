import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../../test/app.js';
import { makeGroup } from '../../../test/factories.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../../test/twilio-loopback.js';
import { Callback, type CallbackDoc } from '../../callbacks/model.js';
import { startCallbackProcessors } from '../../callbacks/processors.js';
import { TRIED_SMS_TEXT } from '../../callbacks/service.js';
import type { ExpertGroupDoc } from '../../expert-groups/model.js';
import { Interaction, type InteractionDoc } from '../../interactions/model.js';
import { setPresence } from '../../routing/presence.js';
import { RoutingRule } from '../../routing/rules.model.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { unregisterChannel } from '../registry.js';
import { voiceChannelStatus } from './channel.js';
import { VOICE_PATHS } from './twiml.js';

const PUBLIC_URL = 'https://support.example.com';
const OPEN_NUMBER = '+982112345670';
const CLOSED_NUMBER = '+982112345671';
const SMS_NUMBER = '+982112345678';
const PROMPT_EN = 'https://cdn.example.com/menu-en.mp3';

let app: TestApp;
let twilioApi: TwilioLoopback;
let expert: SignedIn;
let expertPhone: string;

const hex = (n: number) =>
  Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const sid = (prefix: string) => prefix + hex(32);
const randomMobile = () => `+98912${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;

/** A webhook signed exactly as Twilio signs it: over the public URL (with query) and the form. */
function webhook(pathAndQuery: string, params: Record<string, string>, signature?: string | null) {
  const sig =
    signature === undefined
      ? twilio.getExpectedTwilioSignature(twilioApi.authToken, PUBLIC_URL + pathAndQuery, params)
      : signature;
  const req = request(app.url).post(pathAndQuery).type('form').send(params);
  return sig === null ? req : req.set('X-Twilio-Signature', sig);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: 'text',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['Say', 'Number', 'Play'].includes(name),
});

interface Say {
  text: string;
  language: string;
}
/** The TwiML document of a 200 text/xml answer, parsed as XML. */
function twiml(res: request.Response) {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/xml/);
  const doc = parser.parse(res.text) as { Response: Record<string, unknown> };
  expect(doc.Response).toBeDefined();
  return doc.Response as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const spoken = (node: { Say?: Say[] }) => (node.Say ?? []).map((s) => s.text).join(' ');
const languages = (node: { Say?: Say[] }) => [...new Set((node.Say ?? []).map((s) => s.language))];

function callParams(from: string, to = OPEN_NUMBER, callSid = sid('CA')) {
  return {
    CallSid: callSid,
    AccountSid: twilioApi.accountSid,
    From: from,
    To: to,
    CallStatus: 'in-progress',
  };
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pathOf = (url: string) => url.slice(PUBLIC_URL.length);

beforeAll(async () => {
  twilioApi = await startTwilioLoopback();
  app = await startTestApp({
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_SMS_NUMBERS: SMS_NUMBER,
    TWILIO_VOICE_NUMBERS: `${OPEN_NUMBER},${CLOSED_NUMBER}`,
    TWILIO_API_BASE_URL: twilioApi.url,
    VOICE_PROMPT_URL_EN: PROMPT_EN,
    CALLBACK_RETRY_DELAY_SECONDS: '1',
    CALLBACK_MAX_ATTEMPTS: '2',
  });
  const open = await makeGroup({ isDefault: true });
  const closed = await makeGroup({
    // Never open: no weekly hours.
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      weekly: [],
      holidays: [],
    } as unknown as ExpertGroupDoc['businessHours'],
  });
  await RoutingRule.create([
    { kind: 'entry-point', entryKind: 'voice-number', value: OPEN_NUMBER, group: open._id },
    { kind: 'entry-point', entryKind: 'voice-number', value: CLOSED_NUMBER, group: closed._id },
  ]);
  expertPhone = randomMobile();
  const user = await makeUser({
    roles: ['expert'],
    groups: [open._id],
    phone: expertPhone,
    maxConcurrent: 100,
  });
  await setPresence(String(user._id), 'online');
  expert = await signIn(app, user);
  expect(startCallbackProcessors()).toEqual(['callbacks']);
});

afterAll(async () => {
  unregisterChannel('sms');
  await app?.close();
  await twilioApi?.close();
});

describe('voice menu (TwiML parsed as XML)', () => {
  it('reports itself on in /readyz with its numbers', async () => {
    expect(voiceChannelStatus()).toEqual({ enabled: true, numbers: [OPEN_NUMBER, CLOSED_NUMBER] });
    const ready = await request(app.url).get('/readyz');
    expect(ready.body.channels.voice).toEqual({
      enabled: true,
      numbers: [OPEN_NUMBER, CLOSED_NUMBER],
    });
  });

  it('lists the phone channels and the group each number leads to (channel settings page)', async () => {
    const boss = await signIn(app, await makeUser({ roles: ['supervisor'] }));
    const res = await request(app.url).get('/api/channels').set('Cookie', boss.cookie);
    expect(res.status).toBe(200);
    expect(res.body.sms).toMatchObject({ enabled: true, numbers: [{ number: SMS_NUMBER }] });
    expect(res.body.voice.enabled).toBe(true);
    const groups = (res.body.voice.numbers as Array<{ group: { id: string } }>).map(
      (n) => n.group.id,
    );
    expect(new Set(groups).size).toBe(2); // each number to its own group
    const refused = await request(app.url).get('/api/channels').set('Cookie', expert.cookie);
    expect(refused.status).toBe(403);
  });

  it('rejects missing (400) and wrong (403) signatures and logs nothing', async () => {
    const params = callParams(randomMobile());
    expect((await webhook(VOICE_PATHS.incoming, params, null)).status).toBe(400);
    const wrong = twilio.getExpectedTwilioSignature(
      'x'.repeat(32),
      PUBLIC_URL + VOICE_PATHS.incoming,
      params,
    );
    expect((await webhook(VOICE_PATHS.incoming, params, wrong)).status).toBe(403);
    expect(await Interaction.countDocuments({ externalId: params.CallSid })).toBe(0);
  });

  it('answers in Persian with options 1-3 and an English switch; the call is logged once', async () => {
    const params = callParams(randomMobile());
    const [first, again] = [
      await webhook(VOICE_PATHS.incoming, params),
      await webhook(VOICE_PATHS.incoming, params),
    ];
    const r = twiml(first);
    expect(twiml(again)).toEqual(r);
    expect(r.Gather).toMatchObject({
      numDigits: '1',
      action: `${PUBLIC_URL}${VOICE_PATHS.menu}?lang=fa&open=1`,
    });
    expect(languages(r.Gather)).toEqual(['fa-IR', 'en-US']);
    const text = spoken(r.Gather);
    expect(text).toContain('یک را بزنید');
    expect(text).toContain('دو را بزنید');
    expect(text).toContain('سه را بزنید');
    expect(text).toContain('For English, press 9.');
    expect(r.Redirect.text).toBe(`${PUBLIC_URL}${VOICE_PATHS.incoming}?lang=fa&round=1`);
    const log = await Interaction.find({ externalId: params.CallSid }).lean<InteractionDoc[]>();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      channel: 'voice',
      direction: 'in',
      outcome: 'received',
      caller: { value: params.From },
    });
  });

  it('9 switches to English, played from the recorded English prompt', async () => {
    const r = twiml(
      await webhook(`${VOICE_PATHS.menu}?lang=fa&open=1`, {
        ...callParams(randomMobile()),
        Digits: '9',
      }),
    );
    expect(r.Gather.Play).toEqual([PROMPT_EN]);
    expect(r.Gather.Say).toBeUndefined();
    expect(r.Gather.action).toBe(`${PUBLIC_URL}${VOICE_PATHS.menu}?lang=en&open=1`);
  });

  it('outside business hours offers only 1 and 2, in both languages', async () => {
    const fa = twiml(
      await webhook(VOICE_PATHS.incoming, callParams(randomMobile(), CLOSED_NUMBER)),
    );
    expect(fa.Gather.action).toBe(`${PUBLIC_URL}${VOICE_PATHS.menu}?lang=fa&open=0`);
    expect(spoken(fa.Gather)).toContain('خارج از ساعت کاری');
    expect(spoken(fa.Gather)).not.toContain('سه را بزنید');
    const en = twiml(
      await webhook(`${VOICE_PATHS.menu}?lang=fa&open=0`, {
        ...callParams(randomMobile(), CLOSED_NUMBER),
        Digits: '9',
      }),
    );
    expect(en.Gather.Play).toEqual([PROMPT_EN]);
    const three = twiml(
      await webhook(`${VOICE_PATHS.menu}?lang=en&open=0`, {
        ...callParams(randomMobile(), CLOSED_NUMBER),
        Digits: '3',
      }),
    );
    expect(spoken(three)).toBe('That is not a valid choice.');
    expect(three.Redirect.text).toBe(`${PUBLIC_URL}${VOICE_PATHS.incoming}?lang=en&round=1`);
  });

  it.each([
    ['fa', 'fa-IR', 'کلید مربع'],
    ['en', 'en-US', 'press the hash key'],
  ])(
    '1 (%s) offers a callback on this number or another; # opens a callback ticket',
    async (lang, sayLang, words) => {
      const from = randomMobile();
      const call = callParams(from);
      twiml(await webhook(VOICE_PATHS.incoming, call));
      const offer = twiml(
        await webhook(`${VOICE_PATHS.menu}?lang=${lang}&open=1`, { ...call, Digits: '1' }),
      );
      expect(offer.Gather).toMatchObject({
        finishOnKey: '#',
        action: `${PUBLIC_URL}${VOICE_PATHS.callbackNumber}?lang=${lang}`,
      });
      expect(languages(offer.Gather)).toEqual([sayLang]);
      expect(spoken(offer.Gather)).toContain(words);

      const bad = twiml(
        await webhook(`${VOICE_PATHS.callbackNumber}?lang=${lang}`, { ...call, Digits: '12#' }),
      );
      expect(bad.Gather).toBeDefined(); // offered again after "not valid"
      const other = '09121112233';
      const done = twiml(
        await webhook(`${VOICE_PATHS.callbackNumber}?lang=${lang}`, {
          ...call,
          Digits: `${other}#`,
        }),
      );
      expect(done.Hangup).toBeDefined();
      expect(languages(done)).toEqual([sayLang]);
      // Twilio retried the same request: still one callback.
      twiml(
        await webhook(`${VOICE_PATHS.callbackNumber}?lang=${lang}`, {
          ...call,
          Digits: `${other}#`,
        }),
      );
      const cbs = await Callback.find({ phone: '+989121112233', source: 'voice-menu' }).lean<
        CallbackDoc[]
      >();
      const mine = [];
      for (const cb of cbs) {
        const t = await Ticket.findById(cb.ticket).lean<TicketDoc>();
        const log = await Interaction.findOne({
          ticket: t!._id,
          outcome: 'callback-requested',
        }).lean<InteractionDoc>();
        if (log?.caller?.value === from) mine.push({ cb, t });
      }
      expect(mine).toHaveLength(1);
      expect(mine[0]!.t).toMatchObject({
        type: 'callback',
        channel: 'voice',
        entryPoint: { kind: 'voice-number', value: OPEN_NUMBER },
      });
      const row = await Interaction.findOne({ externalId: call.CallSid }).lean<InteractionDoc>();
      expect(row).toMatchObject({ outcome: 'callback-requested' });
    },
  );

  it.each([
    ['fa', 'fa-IR'],
    ['en', 'en-US'],
  ])(
    '2 (%s) records a voicemail (no transcription) that becomes a voice ticket with the recording',
    async (lang, sayLang) => {
      const from = randomMobile();
      const call = callParams(from);
      twiml(await webhook(VOICE_PATHS.incoming, call));
      const r = twiml(
        await webhook(`${VOICE_PATHS.menu}?lang=${lang}&open=1`, { ...call, Digits: '2' }),
      );
      expect(languages(r)).toEqual([sayLang]);
      expect(r.Record).toMatchObject({
        transcribe: 'false',
        playBeep: 'true',
        action: `${PUBLIC_URL}${VOICE_PATHS.recorded}?lang=${lang}`,
      });
      const recordingSid = sid('RE');
      const recordingPath = `/2010-04-01/Accounts/${twilioApi.accountSid}/Recordings/${recordingSid}`;
      // An MP3 as far as the type sniffer can tell: ID3 header, then an MPEG frame header.
      const mp3 = Buffer.concat([
        Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'),
        Buffer.from([0xff, 0xfb, 0x90, 0x44]),
        Buffer.alloc(4082, 7),
      ]);
      twilioApi.addMedia(`${recordingPath}.mp3`, mp3, 'audio/mpeg');
      const rec = {
        AccountSid: twilioApi.accountSid,
        CallSid: call.CallSid,
        RecordingSid: recordingSid,
        RecordingUrl: `https://api.twilio.com${recordingPath}`,
        RecordingDuration: '14',
      };
      const thanks = twiml(
        await webhook(`${VOICE_PATHS.recorded}?lang=${lang}`, { ...call, ...rec }),
      );
      expect(thanks.Hangup).toBeDefined();
      const statusPath = pathOf(r.Record.recordingStatusCallback as string);
      for (let i = 0; i < 2; i++)
        expect((await webhook(statusPath, { ...rec, RecordingStatus: 'completed' })).status).toBe(
          204,
        );
      const messages = await Message.find({ channel: 'voice', externalId: recordingSid }).lean<
        MessageDoc[]
      >();
      expect(messages).toHaveLength(1);
      expect(messages[0]!.attachments).toEqual([
        expect.objectContaining({
          name: `voicemail-${recordingSid}.mp3`,
          contentType: 'audio/mpeg',
          size: 4096,
          dropped: false,
        }),
      ]);
      const played = await request(app.url)
        .get(`/api/attachments/${String(messages[0]!.attachments[0]!.fileId)}`)
        .set('Cookie', expert.cookie);
      expect(played.status).toBe(200);
      expect(played.headers['content-type']).toMatch(/audio\/mpeg/);
      expect(Buffer.compare(played.body as Buffer, mp3)).toBe(0);
      const fetched = twilioApi.requests.filter((q) => q.path === `${recordingPath}.mp3`);
      expect(fetched.map((q) => q.auth)).toEqual([
        `${twilioApi.accountSid}:${twilioApi.authToken}`,
      ]);
      const ticket = await Ticket.findById(messages[0]!.ticket).lean<TicketDoc>();
      expect(ticket).toMatchObject({ channel: 'voice', subject: 'Voicemail' });
      expect(await Interaction.findOne({ externalId: recordingSid }).lean()).toMatchObject({
        outcome: 'voicemail',
        durationSec: 14,
      });
      expect(await Interaction.findOne({ externalId: call.CallSid }).lean()).toMatchObject({
        outcome: 'voicemail',
        ticket: ticket!._id,
      });
    },
  );

  it.each([
    ['fa', 'fa-IR'],
    ['en', 'en-US'],
  ])(
    '3 (%s) dials the online expert; no answer falls back to the callback offer',
    async (lang, sayLang) => {
      const call = callParams(randomMobile());
      const r = twiml(
        await webhook(`${VOICE_PATHS.menu}?lang=${lang}&open=1`, { ...call, Digits: '3' }),
      );
      expect(languages(r)).toEqual([sayLang]);
      expect(r.Dial).toMatchObject({
        timeout: '20',
        action: `${PUBLIC_URL}${VOICE_PATHS.expertDialed}?lang=${lang}`,
      });
      expect(r.Dial.Number).toEqual([
        expect.objectContaining({
          text: expertPhone,
          statusCallback: `${PUBLIC_URL}${VOICE_PATHS.legStatus}`,
        }),
      ]);
      const leg = {
        CallSid: sid('CA'),
        ParentCallSid: call.CallSid,
        From: call.From,
        To: expertPhone,
        AccountSid: twilioApi.accountSid,
      };
      expect((await webhook(VOICE_PATHS.legStatus, { ...leg, CallStatus: 'ringing' })).status).toBe(
        204,
      );
      expect(
        (await webhook(VOICE_PATHS.legStatus, { ...leg, CallStatus: 'no-answer' })).status,
      ).toBe(204);
      const fallback = twiml(
        await webhook(`${VOICE_PATHS.expertDialed}?lang=${lang}`, {
          ...call,
          DialCallStatus: 'no-answer',
          DialCallSid: leg.CallSid,
        }),
      );
      expect(fallback.Gather.action).toBe(
        `${PUBLIC_URL}${VOICE_PATHS.callbackNumber}?lang=${lang}`,
      );
      expect(await Interaction.findOne({ externalId: leg.CallSid }).lean()).toMatchObject({
        outcome: 'no-answer',
        direction: 'out',
      });
    },
  );

  it('a caller who hangs up in the menu is a missed call with a callback ticket (once)', async () => {
    const from = randomMobile();
    const call = callParams(from);
    twiml(await webhook(VOICE_PATHS.incoming, call));
    const ended = { ...call, CallStatus: 'completed', CallDuration: '9' };
    for (let i = 0; i < 3; i++) expect((await webhook(VOICE_PATHS.status, ended)).status).toBe(204);
    const row = await Interaction.findOne({ externalId: call.CallSid }).lean<InteractionDoc>();
    expect(row).toMatchObject({ outcome: 'missed', durationSec: 9 });
    const cbs = await Callback.find({ phone: from }).lean<CallbackDoc[]>();
    expect(cbs).toHaveLength(1);
    expect(cbs[0]).toMatchObject({ source: 'missed-call', status: 'waiting' });
    expect(String(row!.ticket)).toBe(String(cbs[0]!.ticket));
  });
});

/** Plays Twilio's part of one callback attempt; returns the customer leg's SID. */
async function playAttempt(attempt: number, customer: { status: string; duration: number }) {
  const placed = await until(async () => twilioApi.callRequests()[attempt - 1] ?? null);
  const bridgePath = pathOf(placed.form.Url!);
  const expertLegPath = pathOf(placed.form.StatusCallback!);
  const expertLeg = {
    CallSid: placed.sid!,
    AccountSid: twilioApi.accountSid,
    From: placed.form.From!,
    To: placed.form.To!,
  };
  await webhook(expertLegPath, { ...expertLeg, CallStatus: 'ringing' });
  await webhook(expertLegPath, { ...expertLeg, CallStatus: 'in-progress' });
  const bridge = twiml(await webhook(bridgePath, { ...expertLeg, CallStatus: 'in-progress' }));
  const number = bridge.Dial.Number[0];
  const customerLegPath = pathOf(number.statusCallback as string);
  const customerLeg = {
    CallSid: sid('CA'),
    ParentCallSid: placed.sid!,
    AccountSid: twilioApi.accountSid,
    From: placed.form.From!,
    To: number.text as string,
  };
  await webhook(customerLegPath, { ...customerLeg, CallStatus: 'initiated' });
  await webhook(customerLegPath, { ...customerLeg, CallStatus: 'ringing' });
  const answered = customer.status === 'completed';
  if (answered) await webhook(customerLegPath, { ...customerLeg, CallStatus: 'in-progress' });
  const end = {
    ...customerLeg,
    CallStatus: customer.status,
    CallDuration: String(customer.duration),
  };
  expect((await webhook(customerLegPath, end)).status).toBe(204);
  const dialedPath = pathOf(bridge.Dial.action as string);
  const dialed = {
    ...expertLeg,
    DialCallStatus: customer.status,
    DialCallDuration: String(customer.duration),
    DialCallSid: customerLeg.CallSid,
  };
  const after = twiml(await webhook(dialedPath, dialed));
  expect(after.Hangup).toBeDefined();
  // Twilio retries: the attempt's outcome does not change, a late "ringing" changes nothing.
  twiml(await webhook(dialedPath, dialed));
  await webhook(customerLegPath, { ...customerLeg, CallStatus: 'ringing' });
  await webhook(expertLegPath, {
    ...expertLeg,
    CallStatus: 'completed',
    CallDuration: String(customer.duration + 10),
  });
  return { placed, bridge, customerLeg };
}

describe('callbacks (expert first, then the customer)', () => {
  it('request -> routed -> call back -> customer no-answer -> retried -> completed; every attempt logged', async () => {
    const customer = randomMobile();
    const call = callParams(customer);
    await webhook(`${VOICE_PATHS.menu}?lang=fa&open=1`, { ...call, Digits: '1' });
    twiml(await webhook(`${VOICE_PATHS.callbackNumber}?lang=fa`, { ...call, Digits: '#' }));
    const cb = await until(() => Callback.findOne({ phone: customer }).lean<CallbackDoc>());
    const ticket = await Ticket.findById(cb.ticket).lean<TicketDoc>();
    expect(ticket).toMatchObject({ type: 'callback', status: 'assigned' }); // routed to the online expert
    const before = twilioApi.callRequests().length;

    const pressed = await expert.agent
      .post(`/api/tickets/${String(ticket!._id)}/callback/call`)
      .set('Cookie', expert.cookie)
      .set('X-CSRF-Token', expert.csrf);
    expect(pressed.status).toBe(200);
    expect(pressed.body).toMatchObject({ status: 'calling', attempts: [{ outcome: 'calling' }] });
    const placed = twilioApi.callRequests()[before]!;
    expect(placed.form).toMatchObject({ To: expertPhone, From: OPEN_NUMBER });
    expect(placed.form.Url).toBe(
      `${PUBLIC_URL}${VOICE_PATHS.bridge}?cb=${String(cb._id)}&attempt=1`,
    );
    expect(placed.auth).toBe(`${twilioApi.accountSid}:${twilioApi.authToken}`);
    const again = await expert.agent
      .post(`/api/tickets/${String(ticket!._id)}/callback/call`)
      .set('Cookie', expert.cookie)
      .set('X-CSRF-Token', expert.csrf);
    expect(again.status).toBe(409);

    const calls = () => twilioApi.callRequests().slice(before);
    const first = await playAttempt(before + 1, { status: 'no-answer', duration: 0 });
    expect(first.bridge.Dial.Number[0].text).toBe(customer);
    // The retry rings the expert again after CALLBACK_RETRY_DELAY_SECONDS.
    await until(async () => calls().length === 2);
    await playAttempt(before + 2, { status: 'completed', duration: 42 });

    const done = await Callback.findById(cb._id).lean<CallbackDoc>();
    expect(done).toMatchObject({ status: 'completed' });
    expect(done!.attempts.map((a) => [a.outcome, a.durationSec])).toEqual([
      ['no-answer', 0],
      ['completed', 42],
    ]);
    const res = await expert.agent
      .get(`/api/interactions?ticket=${String(ticket!._id)}&limit=50`)
      .set('Cookie', expert.cookie);
    expect(res.status).toBe(200);
    const log = (
      res.body.items as Array<{ note: string | null; outcome: string; durationSec: number | null }>
    )
      .filter((i) => i.note?.startsWith('callback attempt'))
      .map((i) => [i.note, i.outcome, i.durationSec])
      .sort();
    expect(log).toEqual([
      ['callback attempt 1: customer leg', 'no-answer', 0],
      ['callback attempt 1: expert leg', 'completed', 10],
      ['callback attempt 2: customer leg', 'completed', 42],
      ['callback attempt 2: expert leg', 'completed', 52],
    ]);
    const t = await Ticket.findById(ticket!._id).lean<TicketDoc>();
    const notes = t!.timeline.filter((e) => e.event === 'callback-attempt').map((e) => e.note);
    expect(notes).toEqual([
      expect.stringMatching(/^attempt 1: ringing/),
      expect.stringMatching(/^attempt 1: no-answer; next attempt at/),
      expect.stringMatching(/^attempt 2: ringing/),
      'attempt 2: completed (42 s)',
    ]);
  });

  it('after the last attempt (busy, then no answer) the customer gets one SMS saying we tried', async () => {
    const customer = randomMobile();
    const created = await expert.agent
      .post('/api/callbacks')
      .set('Cookie', expert.cookie)
      .set('X-CSRF-Token', expert.csrf)
      .send({ phone: customer.replace('+98', '0'), subject: 'asked at the dealer' });
    expect(created.status).toBe(201);
    expect(created.body.callback).toMatchObject({
      phone: customer,
      source: 'expert',
      status: 'waiting',
    });
    const ticketId = created.body.ticket.id as string;
    const before = twilioApi.callRequests().length;
    const smsBefore = twilioApi.messageRequests().length;
    const pressed = await expert.agent
      .post(`/api/tickets/${ticketId}/callback/call`)
      .set('Cookie', expert.cookie)
      .set('X-CSRF-Token', expert.csrf);
    expect(pressed.status).toBe(200);
    await playAttempt(before + 1, { status: 'busy', duration: 0 });
    await playAttempt(before + 2, { status: 'no-answer', duration: 0 });
    const sms = await until(async () =>
      twilioApi
        .messageRequests()
        .slice(smsBefore)
        .find((m) => m.form.To === customer),
    );
    expect(sms.form).toMatchObject({ From: SMS_NUMBER, Body: TRIED_SMS_TEXT });
    const cb = await Callback.findOne({ ticket: ticketId }).lean<CallbackDoc>();
    expect(cb).toMatchObject({ status: 'failed' });
    expect(cb!.attempts.map((a) => a.outcome)).toEqual(['busy', 'no-answer']);
    expect(twilioApi.callRequests().length - before).toBe(2);
    await until(() =>
      Interaction.findOne({ ticket: ticketId, channel: 'sms', outcome: 'sent' }).lean(),
    );
  });

  it('refuses "call back" without an expert phone (422) and reports a Twilio refusal', async () => {
    const noPhone = await makeUser({ roles: ['supervisor'] });
    const boss = await signIn(app, noPhone);
    const created = await boss.agent
      .post('/api/callbacks')
      .set('Cookie', boss.cookie)
      .set('X-CSRF-Token', boss.csrf)
      .send({ phone: randomMobile() });
    const ticketId = created.body.ticket.id as string;
    const res = await boss.agent
      .post(`/api/tickets/${ticketId}/callback/call`)
      .set('Cookie', boss.cookie)
      .set('X-CSRF-Token', boss.csrf);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('expert_phone_missing');
    twilioApi.answerNextCall(400);
    const refused = await expert.agent
      .post(`/api/tickets/${ticketId}/callback/call`)
      .set('Cookie', expert.cookie)
      .set('X-CSRF-Token', expert.csrf);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'call_failed' });
    const cb = await expert.agent
      .get(`/api/tickets/${ticketId}/callback`)
      .set('Cookie', expert.cookie);
    expect(cb.body).toMatchObject({ status: 'waiting', attempts: [{ outcome: 'failed' }] });
  });
});
