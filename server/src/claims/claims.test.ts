import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeOwnedUnit, makeProduct } from '../../test/aftersales.js';
import { makeTicket } from '../../test/factories.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../test/twilio-loopback.js';
import { Interaction } from '../interactions/model.js';
import type { ProductDoc } from '../products/model.js';
import { Shipment } from '../shipments/model.js';
import { Message } from '../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';

let app: TestApp;
let twilioApi: TwilioLoopback;
let expert: SignedIn;
let product: ProductDoc;

beforeAll(async () => {
  twilioApi = await startTwilioLoopback();
  app = await startTestApp({
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_API_BASE_URL: twilioApi.url,
    TWILIO_SMS_NUMBERS: '+982112345678',
  });
  expert = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  product = await makeProduct();
});
afterAll(async () => {
  await app.close();
  await twilioApi.close();
});

async function claimTicket(): Promise<TicketDoc> {
  const { unit, owner } = await makeOwnedUnit(product);
  return makeTicket(null, { contact: owner, type: 'guarantee-claim', unit, channel: 'portal' });
}
const step = (ticket: TicketDoc, body: object) =>
  expert.agent
    .post(`/api/tickets/${String(ticket._id)}/claim/steps`)
    .set('X-CSRF-Token', expert.csrf)
    .send(body);

describe('guarantee-claim workflow', () => {
  it('goes review -> approved -> sent to factory -> replaced -> closed, logging every step', async () => {
    const ticket = await claimTicket();
    const start = await expert.agent.get(`/api/tickets/${String(ticket._id)}/claim`);
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ step: 'review', next: ['approved', 'rejected'] });

    expect((await step(ticket, { to: 'approved' })).body.step).toBe('approved');
    const noTracking = await step(ticket, { to: 'sent-to-factory' });
    expect(noTracking.status).toBe(422);
    expect(noTracking.body.error.code).toBe('tracking_required');
    const sent = await step(ticket, {
      to: 'sent-to-factory',
      trackingNumber: 'PST-778899',
      sentAt: '2026-11-20',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      step: 'sent-to-factory',
      trackingNumber: 'PST-778899',
      sentAt: '2026-11-20',
      next: ['repaired', 'replaced'],
    });
    const shipment = await Shipment.findById(sent.body.shipment).lean();
    expect(shipment).toMatchObject({ kind: 'to-factory', trackingNumber: 'PST-778899' });
    expect(String(shipment!.ticket)).toBe(String(ticket._id));

    const noSerial = await step(ticket, { to: 'replaced' });
    expect(noSerial.body.error.code).toBe('replacement_serial_required');
    const replaced = await step(ticket, { to: 'replaced', replacementSerial: 'sn-new-0001' });
    expect(replaced.body).toMatchObject({ step: 'replaced', replacementSerial: 'SN-NEW-0001' });
    const closed = await step(ticket, { to: 'closed' });
    expect(closed.body).toMatchObject({ step: 'closed', next: [] });

    const after = await Ticket.findById(ticket._id).lean();
    expect(after!.status).toBe('resolved');
    const claimEntries = after!.timeline.filter((e) => e.event === 'claim');
    expect(claimEntries.map((e) => e.to)).toEqual([
      'approved',
      'sent-to-factory',
      'replaced',
      'closed',
    ]);
    const logged = await Interaction.find({ ticket: ticket._id, note: /^claim / }).lean();
    expect(logged).toHaveLength(4);
    expect(closed.body.history.map((h: { step: string }) => h.step)).toEqual([
      'review',
      'approved',
      'sent-to-factory',
      'replaced',
      'closed',
    ]);
  });

  it('guards transitions and sends a rejection reason to the customer by SMS', async () => {
    const ticket = await claimTicket();
    const skip = await step(ticket, { to: 'closed' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'review', allowed: ['approved', 'rejected'] },
    });
    const noReason = await step(ticket, { to: 'rejected' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe('reason_required');
    const unknownStep = await step(ticket, { to: 'lost' });
    expect(unknownStep.status).toBe(400);

    const rejected = await step(ticket, { to: 'rejected', reason: 'Damage from frost' });
    expect(rejected.status).toBe(200);
    const sms = await Message.findOne({ ticket: ticket._id, direction: 'out' }).lean();
    expect(sms).toMatchObject({ channel: 'sms', authorKind: 'expert' });
    expect(sms!.text).toContain('Damage from frost');
    expect((await step(ticket, { to: 'approved' })).status).toBe(409);
  });

  it('is only for claim tickets and for experts who can see the ticket', async () => {
    const question = await makeTicket(null, { type: 'question' });
    const res = await expert.agent.get(`/api/tickets/${String(question._id)}/claim`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('not_a_claim');
    const outsider = await signIn(app, await makeUser({ roles: ['expert'] }));
    const ticket = await claimTicket();
    expect((await outsider.agent.get(`/api/tickets/${String(ticket._id)}/claim`)).status).toBe(404);
  });
});
