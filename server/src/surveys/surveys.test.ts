import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeOwnedUnit, makeProduct } from '../../test/aftersales.js';
import { makeContact, makeTicket } from '../../test/factories.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../test/twilio-loopback.js';
import { Interaction } from '../interactions/model.js';
import { Message } from '../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { changeStatus } from '../tickets/service.js';
import { SYSTEM } from '../tickets/timeline.js';
import { Survey } from './model.js';
import { sendResolutionSurvey } from './service.js';
import { sendCampaignBatch, startCampaign } from './campaigns.js';
import { Campaign } from './campaign.model.js';
import { issueSurveyToken } from './tokens.js';
import { queue, QueueName } from '../core/queues.js';

let app: TestApp;
let twilioApi: TwilioLoopback;
let manager: SignedIn;

beforeAll(async () => {
  twilioApi = await startTwilioLoopback();
  app = await startTestApp({
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_API_BASE_URL: twilioApi.url,
    TWILIO_SMS_NUMBERS: '+982112345678',
  });
  manager = await signIn(app, await makeUser({ roles: ['admin'] }));
});
afterAll(async () => {
  await app.close();
  await twilioApi.close();
});

async function resolvedTicket(fields: Parameters<typeof makeTicket>[1] = {}): Promise<TicketDoc> {
  const t = await makeTicket(null, { channel: 'sms', ...fields });
  return changeStatus(String(t._id), 'resolved', SYSTEM);
}

/** The survey link's token from the SMS the customer received. */
async function linkToken(ticket: TicketDoc): Promise<string> {
  const sms = await Message.findOne({
    ticket: ticket._id,
    direction: 'out',
    channel: 'sms',
  }).lean();
  const match = /\/support\/survey\/(\S+)/.exec(sms!.text);
  return decodeURIComponent(match![1]!);
}

const publicSurvey = (token: string) =>
  request(app.url).get(`/api/surveys/public/${encodeURIComponent(token)}`);
const answer = (token: string, answers: object) =>
  request(app.url)
    .post(`/api/surveys/public/${encodeURIComponent(token)}`)
    .send({ answers });

describe('CSAT after resolution', () => {
  it('is queued when a ticket is resolved and sent by SMS with a single-use link', async () => {
    const ticket = await resolvedTicket();
    const job = await queue(QueueName.Surveys).getJob(
      `survey-${String(ticket._id)}-${ticket.resolvedAt!.getTime()}`,
    );
    expect(job?.data).toEqual({ task: 'after-resolution', ticketId: String(ticket._id) });

    const result = await sendResolutionSurvey(String(ticket._id));
    expect('sent' in result && result.sent).toMatchObject({ kind: 'csat', channel: 'sms' });
    const token = await linkToken(ticket);
    const shown = await publicSurvey(token);
    expect(shown.status).toBe(200);
    expect(shown.body.questions.map((q: { id: string }) => q.id)).toEqual(['score', 'comment']);
    expect(JSON.stringify(shown.body)).not.toContain(String(ticket.contact));

    const bad = await answer(token, { score: 9 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_answers');
    const ok = await answer(token, { score: 4, comment: 'Quick and polite' });
    expect(ok.status).toBe(200);
    const rated = await Ticket.findById(ticket._id).lean();
    expect(rated!.satisfaction).toMatchObject({ score: 4, comment: 'Quick and polite' });
    expect(await Interaction.countDocuments({ ticket: ticket._id, note: /^csat 4\/5/ })).toBe(1);

    const reused = await answer(token, { score: 5 });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('survey_answered');
    expect((await publicSurvey(token)).status).toBe(409);
  });

  it('goes at most once a week to a contact, never for web chat, and not twice for a ticket', async () => {
    const contact = await makeContact();
    const first = await resolvedTicket({ contact });
    expect('sent' in (await sendResolutionSurvey(String(first._id)))).toBe(true);
    expect(await sendResolutionSurvey(String(first._id))).toEqual({ skipped: 'already-sent' });
    const second = await resolvedTicket({ contact });
    expect(await sendResolutionSurvey(String(second._id))).toEqual({ skipped: 'csat-this-week' });
    const chat = await resolvedTicket({ channel: 'webchat' });
    expect(await sendResolutionSurvey(String(chat._id))).toEqual({
      skipped: 'webchat-asks-in-chat',
    });
    const open = await makeTicket(null, { channel: 'sms' });
    expect(await sendResolutionSurvey(String(open._id))).toEqual({ skipped: 'not-resolved' });
  });

  it('asks a resolved complaint whether it was resolved (complaint satisfaction check)', async () => {
    const contact = await makeContact();
    await resolvedTicket({ contact });
    await sendResolutionSurvey(String((await resolvedTicket({ contact }))._id)); // weekly CSAT cap used
    const complaint = await resolvedTicket({ contact, type: 'complaint' });
    const result = await sendResolutionSurvey(String(complaint._id));
    expect('sent' in result && result.sent.kind).toBe('complaint-check');
    const token = await linkToken(complaint);
    const shown = await publicSurvey(token);
    expect(shown.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'resolved',
      'score',
      'comment',
    ]);
    expect((await answer(token, { resolved: 'maybe', score: 3 })).status).toBe(422);
    expect((await answer(token, { resolved: 'partly', score: 3 })).status).toBe(200);
  });
});

describe('survey links', () => {
  it('refuse expired and forged tokens with clear errors', async () => {
    const ticket = await makeTicket(null, { channel: 'sms' });
    const past = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    const old = issueSurveyToken('0123456789abcdef01234567', past);
    await Survey.create({
      _id: '0123456789abcdef01234567',
      kind: 'csat',
      contact: ticket.contact,
      ticket: ticket._id,
      channel: 'sms',
      tokenHash: old.tokenHash,
      expiresAt: old.expiresAt,
    });
    const expired = await publicSurvey(old.token);
    expect(expired.status).toBe(422);
    expect(expired.body.error.code).toBe('survey_expired');
    expect((await answer(old.token, { score: 5 })).body.error.code).toBe('survey_expired');

    const fresh = issueSurveyToken('0123456789abcdef01234567');
    expect((await publicSurvey(fresh.token)).status).toBe(404); // signed, but not this survey's link
    expect((await publicSurvey(`${fresh.token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await publicSurvey('not-a-token-at-all')).status).toBe(404);
  });
});

describe('survey campaigns', () => {
  const questions = [
    { id: 'overall', kind: 'rating', text: { fa: 'رضایت کلی', en: 'Overall' } },
    { id: 'recommend', kind: 'nps', text: { fa: 'توصیه', en: 'Recommend us?' } },
    {
      id: 'heard',
      kind: 'choice',
      text: { fa: 'آشنایی', en: 'How did you hear of us?' },
      options: [
        { value: 'dealer', label: { fa: 'نمایندگی', en: 'Dealer' } },
        { value: 'web', label: { fa: 'وب', en: 'Web' } },
      ],
    },
    { id: 'ideas', kind: 'text', text: { fa: 'پیشنهاد', en: 'Ideas' } },
  ];

  it('sends to the segment in rate-limited batches and reports per question', async () => {
    const product = await makeProduct();
    const owners = [];
    for (let i = 0; i < 3; i++) {
      const { owner } = await makeOwnedUnit(product, { contact: { province: 'Gilan' } });
      owners.push(owner);
    }
    await makeOwnedUnit(product, { contact: { province: 'Tehran' } }); // outside the segment
    const created = await manager.agent
      .post('/api/surveys/campaigns')
      .set('X-CSRF-Token', manager.csrf)
      .send({
        name: 'Gilan heaters 1405',
        segment: { segment: 'actual', productCode: product.code, province: 'gilan' },
        questions,
        channel: 'sms',
        scheduledAt: new Date().toISOString(),
        batchSize: 2,
        perMinute: 2,
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    expect(await startCampaign(id)).toBe(3);
    const batches = await Promise.all(
      [0, 1].map((n) => queue(QueueName.Surveys).getJob(`campaign-${id}-batch-${n}`)),
    );
    expect(batches.map((b) => b!.data)).toEqual([
      { task: 'campaign-batch', campaignId: id, contactIds: expect.any(Array) },
      { task: 'campaign-batch', campaignId: id, contactIds: expect.any(Array) },
    ]);
    expect(batches.map((b) => b!.opts.delay)).toEqual([0, 60_000]); // 2 a minute, batches of 2
    const before = twilioApi.messageRequests().length;
    for (const b of batches) {
      const data = b!.data as { contactIds: string[] };
      await sendCampaignBatch(id, data.contactIds);
      await sendCampaignBatch(id, data.contactIds); // a retried batch sends nobody twice
    }
    const texts = twilioApi
      .messageRequests()
      .slice(before)
      .map((r) => r.form.Body!);
    expect(texts).toHaveLength(3);
    expect(await Campaign.findById(id).lean()).toMatchObject({ status: 'sent', sent: 3 });

    const tokens = texts.map((t) => decodeURIComponent(/\/support\/survey\/(\S+)/.exec(t)![1]!));
    const shown = await publicSurvey(tokens[0]!);
    expect(shown.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'recommend',
      'heard',
      'ideas',
    ]);
    expect((await answer(tokens[0]!, { overall: 5, recommend: 11, heard: 'web' })).status).toBe(
      422,
    );
    await answer(tokens[0]!, { overall: 5, recommend: 10, heard: 'web', ideas: 'More dealers' });
    await answer(tokens[1]!, { overall: 3, recommend: 6, heard: 'dealer' });
    await answer(tokens[2]!, { overall: 4, recommend: 9, heard: 'dealer' });

    const results = await manager.agent.get(`/api/surveys/campaigns/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ targeted: 3, sent: 3, answered: 3 });
    const [overall, recommend, heard, ideas] = results.body.questions;
    expect(overall).toMatchObject({ distribution: { 3: 1, 4: 1, 5: 1 }, average: 4 });
    expect(recommend).toMatchObject({ average: 8.33, nps: 33.3 }); // 2 promoters, 1 detractor
    expect(heard).toMatchObject({ distribution: { dealer: 2, web: 1 } });
    expect(ideas).toMatchObject({ answers: 1, latest: ['More dealers'] });

    const listed = await manager.agent.get('/api/surveys/campaigns');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id, name: 'Gilan heaters 1405', status: 'sent', sent: 3 }),
    );
  });

  it('rejects bad campaigns', async () => {
    const post = (body: object) =>
      manager.agent.post('/api/surveys/campaigns').set('X-CSRF-Token', manager.csrf).send(body);
    const base = {
      name: 'x campaign',
      questions,
      channel: 'sms',
      scheduledAt: new Date().toISOString(),
    };
    expect((await post({ ...base, questions: [] })).status).toBe(400);
    expect((await post({ ...base, questions: [questions[0], questions[0]] })).status).toBe(400);
    expect((await post({ ...base, channel: 'fax' })).status).toBe(400);
    const email = await post({ ...base, channel: 'email' });
    expect(email.status).toBe(409);
    expect(email.body.error.code).toBe('channel_off');
  });
});
