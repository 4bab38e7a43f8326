import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { makeContact, makeTicket } from '../../test/factories.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../test/twilio-loopback.js';
import { Interaction } from '../interactions/model.js';
import { Message } from '../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { changeStatus } from '../tickets/service.js';
import { SYSTEM } from '../tickets/timeline.js';
import { Survey } from './model.js';
import { sendResolutionSurvey } from './service.js';
import { issueSurveyToken } from './tokens.js';
import { queue, QueueName } from '../core/queues.js';

let app: TestApp;
let twilioApi: TwilioLoopback;

beforeAll(async () => {
  twilioApi = await startTwilioLoopback();
  app = await startTestApp({
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_API_BASE_URL: twilioApi.url,
    TWILIO_SMS_NUMBERS: '+982112345678',
  });
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
