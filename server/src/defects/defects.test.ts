import request from 'supertest';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact } from '../../test/factories.js';
import { Product, Unit } from '../products/model.js';
import { Ticket } from '../tickets/model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
  const contact = await makeContact();
  const [pump, tractor] = await Product.create([
    {
      code: 'PUMP-1',
      name: { fa: 'پمپ', en: 'Pump' },
      faultCodes: [{ code: 'E1', description: { fa: 'نشت روغن', en: 'Oil leak' } }],
    },
    { code: 'TR-9', name: { fa: 'تراکتور', en: 'Tractor' } },
  ]);
  const unit = (serial: string, p: typeof pump) => ({
    serial,
    product: p!._id,
    productCode: p!.code,
    productionDate: new Date('2023-01-01'),
  });
  const [p1, p2, t1] = await Unit.create([
    unit('PUMP-0001', pump),
    unit('PUMP-0002', pump),
    unit('TR-0001', tractor),
  ]);
  let number = 1000;
  const tickets: Array<Record<string, unknown>> = [];
  const add = (
    n: number,
    u: { _id: Types.ObjectId } | null,
    faultCode: string | null,
    day: string,
    extra = {},
  ) => {
    for (let i = 0; i < n; i++)
      tickets.push({
        number: ++number,
        channel: 'console',
        contact: contact._id,
        unit: u?._id ?? null,
        faultCode,
        createdDay: day,
        ...extra,
      });
  };
  // PUMP-1 E1: 5 in 2024-01 (over two units), 3 in 2024-02
  add(3, p1!, 'E1', '2024-01-05');
  add(2, p2!, 'E1', '2024-01-31');
  add(3, p1!, 'E1', '2024-02-01');
  // PUMP-1 E2: 2 in 2024-02
  add(2, p2!, 'E2', '2024-02-14');
  // TR-9 E1: 6 in 2024-03 (same code, another model)
  add(6, t1!, 'E1', '2024-03-20');
  // A fault without a unit: 1 in 2024-03
  add(1, null, 'E9', '2024-03-21');
  // Not counted: no fault code, empty fault code, merged ticket
  add(4, p1!, null, '2024-01-10');
  add(1, p1!, '', '2024-01-10');
  add(1, p1!, 'E1', '2024-01-10', { mergedInto: new Types.ObjectId() });
  // Outside the filtered range below
  add(2, p1!, 'E1', '2023-12-31');
  await Ticket.insertMany(tickets);
});
afterAll(() => app.close());

const call = (who: SignedIn) => ({
  get: (url: string) => request(app.url).get(url).set('Cookie', who.cookie),
});

const report = (query: Record<string, string>) =>
  call(manager).get('/api/reports/defects').query(query);

describe('GET /api/reports/defects', () => {
  it('counts by model, fault code and month, with a Pareto list', async () => {
    const res = await report({ from: '2024-01-01', to: '2024-03-31' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(17);
    expect(res.body.rows).toEqual([
      { productCode: 'PUMP-1', faultCode: 'E1', month: '2024-01', count: 5 },
      { productCode: 'PUMP-1', faultCode: 'E1', month: '2024-02', count: 3 },
      { productCode: 'PUMP-1', faultCode: 'E2', month: '2024-02', count: 2 },
      { productCode: null, faultCode: 'E9', month: '2024-03', count: 1 },
      { productCode: 'TR-9', faultCode: 'E1', month: '2024-03', count: 6 },
    ]);
    expect(res.body.byModel).toEqual([
      { productCode: 'PUMP-1', count: 10 },
      { productCode: 'TR-9', count: 6 },
      { productCode: null, count: 1 },
    ]);
    expect(res.body.byFaultCode).toEqual([
      { faultCode: 'E1', count: 14 },
      { faultCode: 'E2', count: 2 },
      { faultCode: 'E9', count: 1 },
    ]);
    expect(res.body.byMonth).toEqual([
      { month: '2024-01', count: 5 },
      { month: '2024-02', count: 5 },
      { month: '2024-03', count: 7 },
    ]);
    expect(res.body.pareto).toEqual([
      {
        productCode: 'PUMP-1',
        faultCode: 'E1',
        description: { fa: 'نشت روغن', en: 'Oil leak' },
        count: 8,
        percent: 47.1,
        cumulativePercent: 47.1,
      },
      {
        productCode: 'TR-9',
        faultCode: 'E1',
        description: null,
        count: 6,
        percent: 35.3,
        cumulativePercent: 82.4,
      },
      {
        productCode: 'PUMP-1',
        faultCode: 'E2',
        description: null,
        count: 2,
        percent: 11.8,
        cumulativePercent: 94.1,
      },
      {
        productCode: null,
        faultCode: 'E9',
        description: null,
        count: 1,
        percent: 5.9,
        cumulativePercent: 100,
      },
    ]);
  });

  it('filters by model and by range, with the range inclusive', async () => {
    const pump = await report({ productCode: 'pump-1' });
    expect(pump.status).toBe(200);
    expect(pump.body.productCode).toBe('PUMP-1');
    expect(pump.body.total).toBe(12);
    expect(pump.body.byMonth).toEqual([
      { month: '2023-12', count: 2 },
      { month: '2024-01', count: 5 },
      { month: '2024-02', count: 5 },
    ]);
    const oneDay = await report({ from: '2024-01-31', to: '2024-02-01' });
    expect(oneDay.body.total).toBe(5);
    const none = await report({ productCode: 'NOPE' });
    expect(none.body).toMatchObject({ total: 0, rows: [], pareto: [] });
  });

  it('rejects bad input and non-managers', async () => {
    for (const q of [
      { from: '2024-02-30' },
      { from: '2024-03-01', to: '2024-02-01' },
      { productCode: 'a$b' },
      { other: 'x' },
    ] as Array<Record<string, string>>) {
      const res = await report(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
    }
    expect((await call(expert).get('/api/reports/defects')).status).toBe(403);
  });
});
