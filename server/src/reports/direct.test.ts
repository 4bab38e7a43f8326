import { parse } from 'csv-parse/sync';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact } from '../../test/factories.js';
import { Claim } from '../claims/model.js';
import { Dealer } from '../dealers/model.js';
import { Product, Unit } from '../products/model.js';
import { Campaign } from '../surveys/campaign.model.js';
import { Survey } from '../surveys/model.js';
import { Ticket } from '../tickets/model.js';
import { Visit } from '../visits/model.js';

/** Tehran is UTC+03:30: the period 2026-11-24..25 runs from 11-23T20:30Z to 11-25T20:30Z. */
const PERIOD = 'period=custom&from=2026-11-24&to=2026-11-25';
const at = (iso: string) => new Date(iso);

let app: TestApp;
let manager: SignedIn;
let number = 7000;
let token = 0;

async function insert(model: typeof Claim | typeof Survey | typeof Ticket, fields: object) {
  const doc = new (model as typeof Ticket)({ _id: new Types.ObjectId(), ...fields }).toObject();
  const createdAt = (fields as { createdAt?: Date }).createdAt ?? new Date();
  await model.collection.insertOne({ ...doc, createdAt, updatedAt: createdAt });
  return doc._id as Types.ObjectId;
}

const step = (s: string, iso: string) => ({ step: s, at: at(iso) });

async function csv(path: string) {
  const res = await manager.agent
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, text));
    })
    .expect(200);
  const text = res.body as string;
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text.slice(1), { columns: true }) as Array<Record<string, string>>;
}

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  const tehran = await makeContact({ province: 'Tehran' });
  const isfahan = await makeContact({ province: 'Isfahan' });
  const [pump, fan] = await Product.create([
    { code: 'PUMP-1', name: { fa: 'پمپ', en: 'Pump' } },
    { code: 'FAN-1', name: { fa: 'فن', en: 'Fan' } },
  ]);
  const unit = (serial: string, p: typeof pump) =>
    Unit.create({
      serial,
      product: p!._id,
      productCode: p!.code,
      productionDate: new Date('2025-01-01'),
    });
  const pumpUnit = await unit('PUMP-1001', pump);
  const fanUnit = await unit('FAN-2001', fan);

  // C1: opened 11-24 09:30 Tehran, to the factory, repaired after 24 h, closed 30 h after opening.
  await insert(Claim, {
    unit: pumpUnit._id,
    contact: tehran._id,
    step: 'closed',
    sentAt: at('2026-11-24T10:00:00Z'),
    returnedAt: at('2026-11-25T10:00:00Z'),
    history: [
      step('review', '2026-11-24T06:00:00Z'),
      step('approved', '2026-11-24T07:00:00Z'),
      step('sent-to-factory', '2026-11-24T10:00:00Z'),
      step('repaired', '2026-11-25T10:00:00Z'),
      step('closed', '2026-11-25T12:00:00Z'),
    ],
    createdAt: at('2026-11-24T06:00:00Z'),
  });
  // C2: rejected and closed 2 h after opening.
  await insert(Claim, {
    unit: fanUnit._id,
    contact: isfahan._id,
    step: 'closed',
    history: [
      step('review', '2026-11-25T06:00:00Z'),
      step('rejected', '2026-11-25T07:00:00Z'),
      step('closed', '2026-11-25T08:00:00Z'),
    ],
    createdAt: at('2026-11-25T06:00:00Z'),
  });
  // C3: at the factory, no outcome yet.
  await insert(Claim, {
    unit: pumpUnit._id,
    contact: isfahan._id,
    step: 'sent-to-factory',
    sentAt: at('2026-11-25T09:00:00Z'),
    history: [
      step('review', '2026-11-25T07:00:00Z'),
      step('sent-to-factory', '2026-11-25T09:00:00Z'),
    ],
    createdAt: at('2026-11-25T07:00:00Z'),
  });
  // C4: opened before the period, sent in it, replaced 24 h later.
  await insert(Claim, {
    unit: fanUnit._id,
    contact: tehran._id,
    step: 'replaced',
    sentAt: at('2026-11-24T12:00:00Z'),
    returnedAt: at('2026-11-25T12:00:00Z'),
    history: [step('review', '2026-11-20T06:00:00Z'), step('replaced', '2026-11-25T12:00:00Z')],
    createdAt: at('2026-11-20T06:00:00Z'),
  });
  // C5 23:30 Tehran on the 23rd and C6 00:10 Tehran on the 26th: outside in Tehran, inside in UTC.
  for (const iso of ['2026-11-23T20:00:00Z', '2026-11-25T20:40:00Z'])
    await insert(Claim, {
      unit: pumpUnit._id,
      contact: tehran._id,
      history: [step('review', iso)],
      createdAt: at(iso),
    });

  const survey = (fields: object) =>
    insert(Survey, {
      contact: tehran._id,
      channel: 'sms',
      tokenHash: `hash-${++token}`,
      expiresAt: at('2027-01-01T00:00:00Z'),
      ...fields,
    });
  const answered = { sentAt: at('2026-11-24T08:00:00Z'), answeredAt: at('2026-11-25T10:00:00Z') };
  await survey({
    kind: 'complaint-check',
    ...answered,
    answers: [
      { question: 'resolved', value: 'yes' },
      { question: 'score', value: 5 },
    ],
    score: 5,
    comment: 'ممنون از پیگیری',
    createdAt: at('2026-11-24T08:00:00Z'),
  });
  await survey({
    kind: 'complaint-check',
    ...answered,
    answers: [
      { question: 'resolved', value: 'partly' },
      { question: 'score', value: 3 },
    ],
    score: 3,
    createdAt: at('2026-11-25T08:00:00Z'),
  });
  await survey({
    kind: 'complaint-check',
    sentAt: at('2026-11-25T09:00:00Z'),
    createdAt: at('2026-11-25T09:00:00Z'),
  });
  await survey({ kind: 'complaint-check', createdAt: at('2026-11-25T09:00:00Z') });
  await survey({ kind: 'csat', ...answered, score: 1, createdAt: at('2026-11-25T09:00:00Z') });
  await survey({ kind: 'complaint-check', ...answered, createdAt: at('2026-11-22T09:00:00Z') });

  const questions = [
    { id: 'q1', kind: 'rating', text: { fa: 'امتیاز', en: 'Score' }, required: true },
    { id: 'n', kind: 'nps', text: { fa: 'توصیه', en: 'Recommend' }, required: true },
  ];
  const [spring] = await Campaign.create([
    {
      name: 'Spring check',
      questions,
      channel: 'sms',
      scheduledAt: at('2026-11-24T10:00:00Z'),
      status: 'sent',
      targeted: 5,
      sent: 4,
    },
    { name: 'Later', questions, channel: 'sms', scheduledAt: at('2026-12-10T10:00:00Z') },
  ]);
  for (const [q1, n] of [
    [5, 10],
    [4, 9],
    [3, 5],
  ])
    await survey({
      kind: 'campaign',
      campaign: spring!._id,
      ...answered,
      answers: [
        { question: 'q1', value: q1 },
        { question: 'n', value: n },
      ],
    });
  await survey({ kind: 'campaign', campaign: spring!._id, sentAt: answered.sentAt });

  const [north, south] = await Dealer.create([
    { code: 'D-NORTH', name: 'North', kinds: ['service'], province: 'Tehran', city: 'Tehran' },
    { code: 'D-SOUTH', name: 'South', kinds: ['service'], province: 'Isfahan', city: 'Isfahan' },
  ]);
  const inspection = (dealer: typeof north, score: number | null, iso: string, status = 'done') =>
    Visit.create({
      kind: 'dealer-inspection',
      dealer: dealer!._id,
      plannedAt: at(iso),
      status,
      score,
      report: { doneAt: status === 'done' ? at(iso) : null },
    });
  await inspection(north, 80, '2026-11-24T07:00:00Z');
  await inspection(north, 60, '2026-11-25T07:00:00Z');
  await inspection(south, 90, '2026-11-25T07:00:00Z');
  await inspection(south, null, '2026-11-25T08:00:00Z', 'planned');
  await inspection(north, 10, '2026-11-20T07:00:00Z');

  const request = (channel: string, status: string, contact: typeof tehran) =>
    insert(Ticket, {
      number: ++number,
      channel,
      contact: contact._id,
      type: 'service-request',
      status,
      createdAt: at('2026-11-25T06:00:00Z'),
      createdDay: '2026-11-25',
      createdHour: 9,
    });
  await request('portal', 'new', tehran);
  await request('portal', 'resolved', isfahan);
  await request('webchat', 'new', tehran);
  await manager.agent
    .post('/api/reports/rebuild')
    .set('x-csrf-token', manager.csrf)
    .send({ from: '2026-11-24', to: '2026-11-25' })
    .expect(200);
});

afterAll(async () => {
  await app?.close();
});

describe('after-sales and survey sections', () => {
  it('reports claims by step and outcome, time to close and units at the factory', async () => {
    const { body } = await manager.agent.get(`/api/reports?${PERIOD}`).expect(200);
    expect(body.afterSales.claims).toEqual({
      opened: 3,
      byStep: [
        { step: 'closed', count: 2 },
        { step: 'sent-to-factory', count: 1 },
      ],
      byOutcome: [
        { outcome: 'pending', count: 1 },
        { outcome: 'rejected', count: 1 },
        { outcome: 'repaired', count: 1 },
      ],
      // 2 h and 30 h: nearest-rank median is the first, p90 the second.
      timeToClose: { count: 2, average: 57_600, median: 7200, p90: 108_000 },
    });
    expect(body.afterSales.factory).toEqual({
      sent: 3,
      returned: 2,
      atFactory: 1,
      turnaround: { count: 2, average: 86_400, median: 86_400, p90: 86_400 },
      byModel: [
        { productModel: 'PUMP-1', sent: 2, returned: 1, repaired: 1, replaced: 0, atFactory: 1 },
        { productModel: 'FAN-1', sent: 1, returned: 1, repaired: 0, replaced: 1, atFactory: 0 },
      ],
    });
  });

  it('applies the product model and province filters to claims and factory units', async () => {
    const pump = await manager.agent.get(`/api/reports?${PERIOD}&productModel=PUMP-1`).expect(200);
    expect(pump.body.afterSales.claims.opened).toBe(2);
    expect(pump.body.afterSales.factory.sent).toBe(2);
    const isfahan = await manager.agent.get(`/api/reports?${PERIOD}&province=Isfahan`).expect(200);
    expect(isfahan.body.afterSales.claims.opened).toBe(2);
    expect(isfahan.body.afterSales.claims.timeToClose.count).toBe(1);
    expect(isfahan.body.afterSales.factory.byModel).toEqual([
      { productModel: 'PUMP-1', sent: 1, returned: 0, repaired: 0, replaced: 0, atFactory: 1 },
    ]);
    expect(isfahan.body.afterSales.inspections.count).toBe(1);
    expect(isfahan.body.afterSales.inspections.averageScore).toBe(90);
  });

  it('reports complaint satisfaction checks and campaign results', async () => {
    const { body } = await manager.agent.get(`/api/reports?${PERIOD}`).expect(200);
    const checks = body.satisfaction.complaintChecks;
    expect({
      ...checks,
      comments: checks.comments.map((c: { comment: string }) => c.comment),
    }).toEqual({
      sent: 3,
      answered: 2,
      responseRate: 66.7,
      resolved: { yes: 1, partly: 1, no: 0 },
      resolvedPercent: 50,
      average: 4,
      distribution: [
        { score: 1, count: 0 },
        { score: 2, count: 0 },
        { score: 3, count: 1 },
        { score: 4, count: 0 },
        { score: 5, count: 1 },
      ],
      comments: ['ممنون از پیگیری'],
    });
    expect(body.satisfaction.campaigns).toEqual([
      expect.objectContaining({
        name: 'Spring check',
        sent: 4,
        answered: 3,
        responseRate: 75,
        ratingAverage: 4,
        npsAverage: 8,
        // promoters 10 and 9, detractor 5: (2 - 1) / 3.
        nps: 33.3,
      }),
    ]);
  });

  it('reports dealer inspection scores and out-of-guarantee service requests', async () => {
    const { body } = await manager.agent.get(`/api/reports?${PERIOD}`).expect(200);
    expect(body.afterSales.inspections).toEqual({
      count: 3,
      averageScore: 76.7,
      byDealer: [
        expect.objectContaining({
          code: 'D-NORTH',
          inspections: 2,
          averageScore: 70,
          lastScore: 60,
        }),
        expect.objectContaining({
          code: 'D-SOUTH',
          inspections: 1,
          averageScore: 90,
          lastScore: 90,
        }),
      ],
    });
    expect(body.afterSales.serviceRequests).toEqual({
      total: 3,
      byStatus: [
        { status: 'new', count: 2 },
        { status: 'resolved', count: 1 },
      ],
      byChannel: [
        { channel: 'portal', count: 2 },
        { channel: 'webchat', count: 1 },
      ],
    });
    const portal = await manager.agent.get(`/api/reports?${PERIOD}&channel=portal`).expect(200);
    expect(portal.body.afterSales.serviceRequests.total).toBe(2);
  });

  it('exports the new tables as CSV', async () => {
    expect(await csv(`/api/reports/export.csv?${PERIOD}&table=factory`)).toEqual([
      {
        productModel: 'PUMP-1',
        sent: '2',
        returned: '1',
        repaired: '1',
        replaced: '0',
        atFactory: '1',
      },
      {
        productModel: 'FAN-1',
        sent: '1',
        returned: '1',
        repaired: '0',
        replaced: '1',
        atFactory: '0',
      },
    ]);
    const campaigns = await csv(`/api/reports/export.csv?${PERIOD}&table=campaigns`);
    expect(campaigns.map((c) => [c.name, c.responseRate, c.nps])).toEqual([
      ['Spring check', '75', '33.3'],
    ]);
    expect(await csv(`/api/reports/export.csv?${PERIOD}&table=claim-time-to-close`)).toEqual([
      { opened: '3', closed: '2', averageSec: '57600', medianSec: '7200', p90Sec: '108000' },
    ]);
    const comments = await csv(`/api/reports/export.csv?${PERIOD}&table=complaint-comments`);
    expect(comments.map((c) => c.comment)).toEqual(['ممنون از پیگیری']);
    const inspections = await csv(`/api/reports/export.csv?${PERIOD}&table=inspections`);
    expect(inspections.map((r) => [r.code, r.averageScore])).toEqual([
      ['D-NORTH', '70'],
      ['D-SOUTH', '90'],
    ]);
  });
});
