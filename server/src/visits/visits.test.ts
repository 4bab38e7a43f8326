import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeOwnedUnit, makeProduct } from '../../test/aftersales.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../test/twilio-loopback.js';
import { queue, QueueName } from '../core/queues.js';
import { Dealer, Technician, type TechnicianDoc } from '../dealers/model.js';
import { Interaction } from '../interactions/model.js';
import type { ProductDoc } from '../products/model.js';
import { Visit } from './model.js';
import { addMonths, sendVisitReminder } from './service.js';

const DAY = 24 * 3600 * 1000;
let app: TestApp;
let twilioApi: TwilioLoopback;
let manager: SignedIn;
let product: ProductDoc;
let technician: TechnicianDoc;
let salesOnlyTech: TechnicianDoc;

beforeAll(async () => {
  twilioApi = await startTwilioLoopback();
  app = await startTestApp({
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_API_BASE_URL: twilioApi.url,
    TWILIO_SMS_NUMBERS: '+982112345678',
    VISIT_REMINDER_HOURS: '48',
  });
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  product = await makeProduct();
  const service = await Dealer.create({
    code: 'SV-1',
    name: 'Rasht service',
    kinds: ['service'],
    province: 'Gilan',
    city: 'Rasht',
  });
  const sales = await Dealer.create({
    code: 'SL-1',
    name: 'Rasht sales',
    kinds: ['sales'],
    province: 'Gilan',
    city: 'Rasht',
  });
  technician = (await Technician.create({ dealer: service._id, name: 'Ali' })).toObject();
  salesOnlyTech = (await Technician.create({ dealer: sales._id, name: 'Hamid' })).toObject();
});
afterAll(async () => {
  await app.close();
  await twilioApi.close();
});

const post = (path: string, body: object) =>
  manager.agent.post(path).set('X-CSRF-Token', manager.csrf).send(body);

describe('on-site visit plans', () => {
  it('adds months from delivery, clamped to the month end', () => {
    expect(addMonths(new Date('2025-08-31T00:00:00Z'), 6).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(addMonths(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe(
      '2025-02-28T00:00:00.000Z',
    );
  });

  it('plans future visits every N months from delivery with reminder jobs', async () => {
    const { unit } = await makeOwnedUnit(product, { deliveredDaysAgo: 200 });
    const res = await post(`/api/units/${unit.serial}/visit-plan`, {
      everyMonths: 6,
      count: 3,
      technician: String(technician._id),
    });
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(3);
    const planned = res.body.items.map((v: { plannedAt: string }) => new Date(v.plannedAt));
    expect(planned.every((d: Date) => d.getTime() > Date.now())).toBe(true);
    expect(planned[1].getUTCMonth()).toBe(addMonths(planned[0], 6).getUTCMonth());
    expect(res.body.items[0]).toMatchObject({
      technician: String(technician._id),
      status: 'planned',
    });
    const first = res.body.items[0];
    const job = await queue(QueueName.VisitReminders).getJob(
      `visit-reminder-${first.id}-${new Date(first.plannedAt).getTime()}`,
    );
    expect(job?.data).toEqual({ visitId: first.id, plannedAt: first.plannedAt });
    // Due 48 h (VISIT_REMINDER_HOURS) before the visit; the delay counts from when it was queued.
    const remindAt = new Date(first.plannedAt).getTime() - 48 * 3600 * 1000;
    expect(Math.abs(job!.timestamp + job!.opts.delay! - remindAt)).toBeLessThan(5_000);

    const again = await post(`/api/units/${unit.serial}/visit-plan`, {
      everyMonths: 12,
      count: 2,
      technician: String(technician._id),
    });
    expect(again.status).toBe(201);
    expect(await Visit.countDocuments({ unit: unit._id, status: 'planned' })).toBe(2);
    expect(await Visit.countDocuments({ unit: unit._id, status: 'canceled' })).toBe(3);

    // The unit's list names the technician (the console shows it beside each visit).
    const listed = await manager.agent.get(`/api/visits?unit=${String(unit._id)}&status=planned`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items[0]).toMatchObject({ status: 'planned', technicianName: 'Ali' });
  });

  it('rejects technicians of sales-only dealers, undelivered units and bad input', async () => {
    const { unit } = await makeOwnedUnit(product);
    const sales = await post(`/api/units/${unit.serial}/visit-plan`, {
      everyMonths: 6,
      technician: String(salesOnlyTech._id),
    });
    expect(sales.status).toBe(422);
    expect(sales.body.error.code).toBe('not_service_dealer');
    expect(
      (
        await post(`/api/units/${unit.serial}/visit-plan`, {
          everyMonths: 0,
          technician: String(technician._id),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post('/api/units/NO-SUCH-UNIT/visit-plan', {
          everyMonths: 6,
          technician: String(technician._id),
        })
      ).status,
    ).toBe(404);
    const { unit: fresh } = await makeOwnedUnit(product);
    await Visit.db
      .collection('units')
      .updateOne({ _id: fresh._id }, { $set: { deliveryDate: null } });
    const undelivered = await post(`/api/units/${fresh.serial}/visit-plan`, {
      everyMonths: 6,
      technician: String(technician._id),
    });
    expect(undelivered.body.error.code).toBe('not_delivered');
  });
});

describe('visit reminders and reports', () => {
  it('texts the owner before a planned visit, and not after it moved', async () => {
    const { unit, owner } = await makeOwnedUnit(product, { deliveredDaysAgo: 170 });
    const res = await post(`/api/units/${unit.serial}/visit-plan`, {
      everyMonths: 6,
      count: 1,
      technician: String(technician._id),
    });
    const visit = res.body.items[0];
    expect(await sendVisitReminder(visit.id, visit.plannedAt)).toBe('sent');
    const sms = twilioApi.messageRequests().at(-1)!.form;
    expect(sms.To).toBe(owner.phones[0]!.number);
    expect(sms.Body).toContain('Ali');
    expect(await Interaction.countDocuments({ contact: owner._id, note: /^visit reminder/ })).toBe(
      1,
    );

    const moved = await manager.agent
      .patch(`/api/visits/${visit.id}`)
      .set('X-CSRF-Token', manager.csrf)
      .send({ plannedAt: new Date(Date.now() + 30 * DAY).toISOString() });
    expect(moved.status).toBe(200);
    expect(await sendVisitReminder(visit.id, visit.plannedAt)).toBe('moved');
  });

  it('records the report once, in the contact log, and its fault codes feed the defect report', async () => {
    const { unit, owner } = await makeOwnedUnit(product, { deliveredDaysAgo: 100 });
    const res = await post(`/api/units/${unit.serial}/visit-plan`, {
      everyMonths: 6,
      count: 1,
      technician: String(technician._id),
    });
    const id = res.body.items[0].id;
    const bad = await post(`/api/visits/${id}/report`, { workDone: 'x', outcome: 'fixed' });
    expect(bad.status).toBe(400);
    const report = {
      workDone: 'Replaced the thermostat and cleaned the burner',
      partsUsed: ['Thermostat T-20'],
      faultCodes: ['e04', 'E04', 'E11'],
      outcome: 'fixed',
      customerSignatureName: 'Maryam Karimi',
    };
    const done = await post(`/api/visits/${id}/report`, report);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      report: { faultCodes: ['E04', 'E11'], customerSignatureName: 'Maryam Karimi' },
    });
    expect((await post(`/api/visits/${id}/report`, report)).status).toBe(409);
    const logged = await Interaction.findOne({ contact: owner._id, outcome: 'visit' }).lean();
    expect(logged!.note).toContain('Maryam Karimi');

    const defects = await manager.agent.get(`/api/reports/defects?productCode=${product.code}`);
    expect(defects.status).toBe(200);
    expect(defects.body.byFaultCode).toEqual(
      expect.arrayContaining([
        { faultCode: 'E04', count: 1 },
        { faultCode: 'E11', count: 1 },
      ]),
    );
  });
});
