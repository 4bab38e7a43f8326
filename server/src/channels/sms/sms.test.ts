import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, makeUser, type SignedIn, type TestApp } from '../../../test/app.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../../test/twilio-loopback.js';
import { Contact, type ContactDoc } from '../../contacts/model.js';
import { errorMiddleware, notFoundMiddleware } from '../../core/http/errors-middleware.js';
import { Interaction } from '../../interactions/model.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { customerChannel } from '../../notifications/customer-message.js';
import { unregisterChannel } from '../registry.js';
import { smsChannelStatus, smsProvider } from './channel.js';
import { processSmsInbox, sweepSmsInbox } from './inbox.js';
import { SmsInbox, type SmsInboxDoc } from './inbox.model.js';
import { startSmsProcessors } from './outbound.js';
import { SMS_STATUS_PATH, SMS_WEBHOOK_PATH, smsWebhookRoutes } from './webhooks.js';

const PUBLIC_URL = 'https://support.example.com';
const SUPPORT_NUMBER = '+982112345678';

let app: TestApp;
let twilioApi: TwilioLoopback;
let hooks: http.Server;
let hooksUrl: string;
let admin: SignedIn;

const sid = (prefix: string) =>
  prefix + Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const randomMobile = () => `+98912${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;

/** Posts a webhook signed exactly as Twilio signs it: over the public URL and the form. */
function webhook(path: string, params: Record<string, string>, signature?: string | null) {
  const sig =
    signature === undefined
      ? twilio.getExpectedTwilioSignature(twilioApi.authToken, PUBLIC_URL + path, params)
      : signature;
  const req = request(hooksUrl).post(path).type('form').send(params);
  return sig === null ? req : req.set('X-Twilio-Signature', sig);
}

function inboundSms(from: string, body: string, extra: Record<string, string> = {}) {
  return {
    MessageSid: sid('SM'),
    AccountSid: twilioApi.accountSid,
    From: from,
    To: SUPPORT_NUMBER,
    Body: body,
    NumMedia: '0',
    ...extra,
  };
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The webhook answers before the SMS worker processes the inbox row: wait for that. */
const processed = (messageSid: string) =>
  until(async () => {
    const row = await SmsInbox.findById(messageSid).lean<SmsInboxDoc>();
    return row?.processedAt ? row : null;
  });

async function reply(ticketId: unknown, text: string) {
  // PUBLIC_URL is https, so the session cookie is Secure: the agent would not send it over http.
  return request(app.url)
    .post(`/api/tickets/${String(ticketId)}/messages`)
    .set('Cookie', admin.cookie)
    .set('X-CSRF-Token', admin.csrf)
    .send({ text, channel: 'sms' });
}

/** A customer texts in; returns their SMS ticket. */
async function customerTexts(from: string, body = 'my pump leaks') {
  const params = inboundSms(from, body);
  const res = await webhook(SMS_WEBHOOK_PATH, params);
  expect(res.status).toBe(200);
  const row = await processed(params.MessageSid);
  const message = await Message.findById(row.message).lean<MessageDoc>();
  return (await Ticket.findById(message!.ticket).lean())!;
}

beforeAll(async () => {
  twilioApi = await startTwilioLoopback();
  app = await startTestApp({
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_SMS_NUMBERS: SUPPORT_NUMBER,
    TWILIO_API_BASE_URL: twilioApi.url,
  });
  // The webhook router as app.ts mounts it, on its own listener: Twilio calls PUBLIC_URL (a
  // proxy), which is not the Host this test talks to, so signatures prove the URL is rebuilt.
  const hooksApp = express()
    .use(smsWebhookRoutes(app.runtime.config))
    .use(notFoundMiddleware)
    .use(errorMiddleware);
  hooks = hooksApp.listen(0, '127.0.0.1');
  await new Promise((r) => hooks.once('listening', r));
  hooksUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  expect(startSmsProcessors()).toEqual(['sms-outbound', 'sms-inbound']);
  const user = await makeUser({ roles: ['admin'] });
  admin = await signIn(app, user);
});

afterAll(async () => {
  unregisterChannel('sms');
  await new Promise((r) => hooks?.close(r));
  await app?.close();
  await twilioApi?.close();
});

describe('SMS channel (Twilio, loopback)', () => {
  it('reports itself on when configured', () => {
    expect(smsChannelStatus()).toEqual({ enabled: true, numbers: [SUPPORT_NUMBER] });
  });

  it('stores a signed inbound SMS once when Twilio sends it three times', async () => {
    const from = randomMobile();
    const params = inboundSms(from, 'سلام، پمپ آب صدا می‌دهد');
    const answers = await Promise.all([1, 2, 3].map(() => webhook(SMS_WEBHOOK_PATH, params)));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/xml/);
      expect(res.text).toContain('<Response/>');
    }
    const row = await processed(params.MessageSid);
    expect(row.outcome).toBe('message');
    expect(await SmsInbox.countDocuments({ _id: params.MessageSid })).toBe(1);
    const stored = await Message.find({ channel: 'sms', externalId: params.MessageSid }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ direction: 'in', text: params.Body });
    expect(String(stored[0]!._id)).toBe(String(row.message));
    const ticket = await Ticket.findById(stored[0]!.ticket).lean();
    expect(ticket).toMatchObject({
      channel: 'sms',
      entryPoint: { kind: 'sms-number', value: SUPPORT_NUMBER },
    });
    const log = await Interaction.find({ externalId: params.MessageSid }).lean();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: 'received', caller: { kind: 'phone', value: from } });
  });

  it('stores a burst of concurrent texts with retries among them once each (group commit)', async () => {
    const sent = Array.from({ length: 12 }, (_, i) => inboundSms(randomMobile(), `burst ${i}`));
    // Every third text is retried within the same burst, so retries share a batch with new rows.
    const burst = [...sent, ...sent.filter((_, i) => i % 3 === 0)];
    const answers = await Promise.all(burst.map((params) => webhook(SMS_WEBHOOK_PATH, params)));
    expect(answers.map((res) => res.status)).toEqual(burst.map(() => 200));
    const rows = await Promise.all(sent.map((params) => processed(params.MessageSid)));
    expect(rows.map((row) => row.outcome)).toEqual(sent.map(() => 'message'));
    const sids = sent.map((params) => params.MessageSid);
    expect(await SmsInbox.countDocuments({ _id: { $in: sids } })).toBe(sent.length);
    const stored = await Message.find({ channel: 'sms', externalId: { $in: sids } }).lean();
    expect(stored.map((m) => m.text).sort()).toEqual(sent.map((params) => params.Body).sort());
  });

  it('rejects missing (400) and wrong (403) signatures and stores nothing', async () => {
    const params = inboundSms(randomMobile(), 'hello');
    const missing = await webhook(SMS_WEBHOOK_PATH, params, null);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('signature_missing');
    const wrong = await webhook(
      SMS_WEBHOOK_PATH,
      params,
      twilio.getExpectedTwilioSignature('not-the-token', PUBLIC_URL + SMS_WEBHOOK_PATH, params),
    );
    expect(wrong.status).toBe(403);
    // Signed over the Host we called instead of the public URL: also wrong.
    const byHost = await webhook(
      SMS_WEBHOOK_PATH,
      params,
      twilio.getExpectedTwilioSignature(twilioApi.authToken, hooksUrl + SMS_WEBHOOK_PATH, params),
    );
    expect(byHost.status).toBe(403);
    expect(await SmsInbox.countDocuments({ _id: params.MessageSid })).toBe(0);
    expect(await Message.countDocuments({ externalId: params.MessageSid })).toBe(0);
    expect(await Contact.countDocuments({ 'phones.number': params.From })).toBe(0);
  });

  it('answers 400 to a malformed From and stores nothing', async () => {
    const params = inboundSms('+98 12', 'hello');
    const res = await webhook(SMS_WEBHOOK_PATH, params);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_phone' });
    expect(res.body.error.message).toContain('From');
    expect(await SmsInbox.countDocuments({ _id: params.MessageSid })).toBe(0);
    expect(await Message.countDocuments({ externalId: params.MessageSid })).toBe(0);
  });

  it('STOP opts the phone out (refused at once), START opts back in (sent)', async () => {
    const from = randomMobile();
    const ticket = await customerTexts(from);
    const texts = (body: string) => {
      const params = inboundSms(from, body);
      return { params, answer: webhook(SMS_WEBHOOK_PATH, params) };
    };
    const stop = texts(' stop ');
    expect((await stop.answer).status).toBe(200);
    expect((await processed(stop.params.MessageSid)).outcome).toBe('opted-out');
    let contact = await Contact.findOne({ 'phones.number': from }).lean<ContactDoc>();
    expect(contact!.phones[0]!.optedOut).toBe(true);
    const logged = await Interaction.findOne({ contact: contact!._id, note: /opted out/ }).lean();
    expect(logged).toMatchObject({ channel: 'sms', direction: 'in', outcome: 'received' });

    const before = twilioApi.messageRequests().length;
    const repliesBefore = await Message.countDocuments({ ticket: ticket._id, direction: 'out' });
    const refused = await reply(ticket._id, 'we will call you');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('sms_opted_out');
    expect(refused.body.error.message).toMatch(/opted out/);
    // Refused before anything is stored: the expert keeps the text and picks another channel.
    expect(await Message.countDocuments({ ticket: ticket._id, direction: 'out' })).toBe(
      repliesBefore,
    );
    // System messages (a claim decision, a survey) do not pick the opted-out phone either.
    const stored = (await Ticket.findById(ticket._id).lean<TicketDoc>())!;
    expect(await customerChannel(contact!, stored)).toBeNull();

    const persianStop = texts('لغو');
    expect((await persianStop.answer).status).toBe(200);
    expect((await processed(persianStop.params.MessageSid)).outcome).toBe('opted-out');
    const start = texts('START');
    expect((await start.answer).status).toBe(200);
    expect((await processed(start.params.MessageSid)).outcome).toBe('opted-in');
    contact = await Contact.findOne({ 'phones.number': from }).lean<ContactDoc>();
    expect(contact!.phones[0]!.optedOut).toBe(false);

    expect((await customerChannel(contact!, stored))?.channel).toBe('sms');
    const allowed = await reply(ticket._id, 'we will call you');
    expect(allowed.status).toBe(201);
    const sent = await until(async () => {
      const m = await Message.findById(allowed.body.id).lean<MessageDoc>();
      return m?.deliveryStatus === 'sent' ? m : null;
    });
    expect(sent.externalId).toMatch(/^SM[0-9a-f]{32}$/);
    const calls = twilioApi.messageRequests().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.form).toMatchObject({
      To: from,
      From: SUPPORT_NUMBER,
      Body: 'we will call you',
      StatusCallback: PUBLIC_URL + SMS_STATUS_PATH,
    });
    expect(calls[0]!.auth).toBe(`${twilioApi.accountSid}:${twilioApi.authToken}`);
  });

  it('retries once after a 500 and sends exactly once', async () => {
    const ticket = await customerTexts(randomMobile());
    const before = twilioApi.messageRequests().length;
    twilioApi.answerNext(500);
    const res = await reply(ticket._id, 'your part has shipped');
    expect(res.status).toBe(201);
    const sent = await until(async () => {
      const m = await Message.findById(res.body.id).lean<MessageDoc>();
      return m?.deliveryStatus === 'sent' ? m : null;
    });
    expect(sent.externalId).toMatch(/^SM/);
    expect(twilioApi.messageRequests().length - before).toBe(2);
    // The interaction follows the message (written just after it).
    await until(
      async () => (await Interaction.findOne({ message: res.body.id }).lean())?.outcome === 'sent',
    );
  });

  it("fails at once on a 400 with Twilio's message, without retrying", async () => {
    const ticket = await customerTexts(randomMobile());
    const before = twilioApi.messageRequests().length;
    twilioApi.answerNext(400);
    const res = await reply(ticket._id, 'hello');
    expect(res.status).toBe(201);
    const failed = await until(async () => {
      const m = await Message.findById(res.body.id).lean<MessageDoc>();
      return m?.deliveryStatus === 'failed' ? m : null;
    });
    expect(failed.deliveryError).toBe(
      "The 'To' number is not a valid phone number. (Twilio error 21211)",
    );
    expect(failed.deliveryErrorCode).toBeNull(); // Twilio's words, shown as they came
    await new Promise((r) => setTimeout(r, 2_500)); // past the first backoff
    expect(twilioApi.messageRequests().length - before).toBe(1);
    await until(
      async () =>
        (await Interaction.findOne({ message: res.body.id }).lean())?.outcome === 'failed',
    );
  });

  it('applies status callbacks monotonically (a late "sent" never overwrites "delivered")', async () => {
    const ticket = await customerTexts(randomMobile());
    const res = await reply(ticket._id, 'all fixed?');
    const sent = await until(async () => {
      const m = await Message.findById(res.body.id).lean<MessageDoc>();
      return m?.deliveryStatus === 'sent' ? m : null;
    });
    const callback = (MessageStatus: string) =>
      webhook(SMS_STATUS_PATH, {
        MessageSid: sent.externalId,
        AccountSid: twilioApi.accountSid,
        MessageStatus,
        SmsStatus: MessageStatus,
      });
    expect((await callback('delivered')).status).toBe(204);
    expect((await callback('sent')).status).toBe(204);
    expect((await callback('queued')).status).toBe(204);
    const after = await Message.findById(res.body.id).lean<MessageDoc>();
    expect(after!.deliveryStatus).toBe('delivered');
    await until(
      async () =>
        (await Interaction.findOne({ message: res.body.id }).lean())?.outcome === 'delivered',
    );
    const unsigned = await webhook(
      SMS_STATUS_PATH,
      { MessageSid: sent.externalId, MessageStatus: 'failed' },
      'bad',
    );
    expect(unsigned.status).toBe(403);
  });

  it('fetches MMS media with the account credentials and stores it as attachments (size limit)', async () => {
    const messageSid = sid('MM');
    const mediaPath = (n: string) =>
      `/2010-04-01/Accounts/${twilioApi.accountSid}/Messages/${messageSid}/Media/${n}`;
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2044, 1)]);
    twilioApi.addMedia(mediaPath('ME1'), jpeg, 'image/jpeg');
    twilioApi.addMedia(
      mediaPath('ME2'),
      Buffer.alloc(app.runtime.config.TWILIO_MEDIA_MAX_BYTES + 1, 2),
      'video/mp4',
    );
    const params = inboundSms(randomMobile(), 'photo of the leak', {
      MessageSid: messageSid,
      NumMedia: '2',
      MediaUrl0: `https://api.twilio.com${mediaPath('ME1')}`,
      MediaContentType0: 'image/jpeg',
      MediaUrl1: `https://api.twilio.com${mediaPath('ME2')}`,
      MediaContentType1: 'video/mp4',
    });
    const res = await webhook(SMS_WEBHOOK_PATH, params);
    expect(res.status).toBe(200);
    await processed(messageSid);
    const fetched = twilioApi.requests.filter((r) => r.path.startsWith(mediaPath('')));
    expect(fetched.map((r) => r.auth)).toEqual([
      `${twilioApi.accountSid}:${twilioApi.authToken}`,
      `${twilioApi.accountSid}:${twilioApi.authToken}`,
    ]);
    const m = await Message.findOne({ channel: 'sms', externalId: messageSid }).lean<MessageDoc>();
    expect(m!.attachments).toEqual([
      expect.objectContaining({
        name: 'media-0',
        contentType: 'image/jpeg',
        size: 2048,
        dropped: false,
        reason: null,
      }),
      expect.objectContaining({
        contentType: 'video/mp4',
        dropped: true,
        reason: expect.stringMatching(/larger than/),
        fileId: null,
      }),
    ]);
    const file = await request(app.url)
      .get(`/api/attachments/${String(m!.attachments[0]!.fileId)}`)
      .set('Cookie', admin.cookie);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, jpeg)).toBe(0);
  });

  it('the sweep processes a row stored but never queued (a crash between insert and enqueue)', async () => {
    const params = inboundSms(randomMobile(), 'stored, then the process died');
    await SmsInbox.create({
      _id: params.MessageSid,
      form: params,
      receivedAt: new Date(Date.now() - 120_000),
    });
    const swept = await sweepSmsInbox();
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    const row = await processed(params.MessageSid);
    const stored = await Message.find({ channel: 'sms', externalId: params.MessageSid }).lean();
    expect(stored).toHaveLength(1);
    expect(String(stored[0]!._id)).toBe(String(row.message));
    // A fresh unprocessed row is left to its own job; a processed one is not queued again.
    const fresh = inboundSms(randomMobile(), 'just arrived');
    await SmsInbox.create({ _id: fresh.MessageSid, form: fresh, receivedAt: new Date() });
    await sweepSmsInbox();
    expect((await SmsInbox.findById(fresh.MessageSid).lean<SmsInboxDoc>())!.processedAt).toBe(null);
    await SmsInbox.deleteOne({ _id: fresh.MessageSid });
  });

  it('a processor run twice (or again after a crash before marking) stores once', async () => {
    const params = inboundSms(randomMobile(), 'processed twice');
    await SmsInbox.create({ _id: params.MessageSid, form: params, receivedAt: new Date() });
    const provider = smsProvider()!;
    const outcomes = await Promise.all([
      processSmsInbox(params.MessageSid, provider),
      processSmsInbox(params.MessageSid, provider),
    ]);
    expect(outcomes.sort()).toEqual(['already processed', 'message']);
    // As if the worker died after storing the message but before marking the row.
    await SmsInbox.updateOne({ _id: params.MessageSid }, { $set: { processedAt: null } });
    expect(await processSmsInbox(params.MessageSid, provider)).toBe('message');
    expect(await Message.countDocuments({ channel: 'sms', externalId: params.MessageSid })).toBe(1);
    expect(await Interaction.countDocuments({ externalId: params.MessageSid })).toBe(1);
    const row = await SmsInbox.findById(params.MessageSid).lean<SmsInboxDoc>();
    const message = await Message.findOne({ externalId: params.MessageSid }).lean<MessageDoc>();
    expect(String(row!.message)).toBe(String(message!._id));
  });
});
