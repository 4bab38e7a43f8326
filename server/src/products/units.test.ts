import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';

let app: TestApp;
let admin: SignedIn;
let expert: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app, await makeUser({ roles: ['admin'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
  const product = await admin.agent
    .post('/api/products')
    .set('X-CSRF-Token', admin.csrf)
    .send({ code: 'mk-p200', name: { fa: 'پمپ', en: 'Pump' } });
  expect(product.status).toBe(201);
});
afterAll(() => app.close());

const iso = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString().slice(0, 10);
const addUnit = (body: Record<string, unknown>) =>
  admin.agent
    .post('/api/units')
    .set('X-CSRF-Token', admin.csrf)
    .send({ productCode: 'MK-P200', ...body });

describe('units by serial number', () => {
  it('returns the derived status for each state', async () => {
    const cases = [
      {
        serial: 'SN-GOLD-1',
        productionDate: iso(400),
        deliveryDate: iso(100),
        state: 'gold-guarantee',
      },
      {
        serial: 'SN-WARR-1',
        productionDate: iso(5 * 365),
        deliveryDate: iso(4 * 365),
        state: 'warranty',
      },
      {
        serial: 'SN-OLD-1',
        productionDate: iso(11 * 365),
        deliveryDate: iso(10 * 365),
        state: 'out-of-warranty',
      },
      { serial: 'SN-STOCK-1', productionDate: iso(30), deliveryDate: null, state: 'not-delivered' },
    ];
    for (const c of cases) {
      const created = await addUnit({
        serial: c.serial,
        productionDate: c.productionDate,
        deliveryDate: c.deliveryDate,
      });
      expect(created.status).toBe(201);
      const res = await expert.agent.get(`/api/units/by-serial/${c.serial.toLowerCase()}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        serial: c.serial,
        productCode: 'MK-P200',
        productName: { en: 'Pump' },
      });
      expect(res.body.coverage.state).toBe(c.state);
    }
  });

  it('answers 404 for an unknown serial and 400 for a malformed one', async () => {
    const unknown = await expert.agent.get('/api/units/by-serial/SN-NOPE-9');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await expert.agent.get('/api/units/by-serial/a$b')).status).toBe(400);
  });

  it('rejects delivery before production and a duplicate serial, storing nothing', async () => {
    const bad = await addUnit({
      serial: 'SN-BAD-1',
      productionDate: '2024-05-01',
      deliveryDate: '2024-04-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('delivery_before_production');
    expect((await expert.agent.get('/api/units/by-serial/SN-BAD-1')).status).toBe(404);

    expect((await addUnit({ serial: 'SN-DUP-1', productionDate: '2024-05-01' })).status).toBe(201);
    const dup = await addUnit({ serial: 'sn-dup-1', productionDate: '2023-05-01' });
    expect(dup.status).toBe(409);
    expect((await expert.agent.get('/api/units/by-serial/SN-DUP-1')).body.productionDate).toBe(
      '2024-05-01',
    );
  });

  it('rejects an impossible date', async () => {
    const res = await addUnit({ serial: 'SN-DATE-1', productionDate: '2024-02-30' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/productionDate/);
  });

  it('makes the owner an actual customer when a unit is registered to them', async () => {
    const contact = await admin.agent
      .post('/api/contacts')
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: 'Farmer', phones: [{ number: '09131234567' }] });
    expect(contact.body.segment).toBe('potential');
    const unit = await addUnit({
      serial: 'SN-OWN-1',
      productionDate: iso(60),
      deliveryDate: iso(10),
      owner: contact.body.id,
    });
    expect(unit.status).toBe(201);
    const after = await admin.agent.get(`/api/contacts/${contact.body.id}`);
    expect(after.body.segment).toBe('actual');
  });

  it('lets experts read but not register units', async () => {
    const res = await expert.agent
      .post('/api/units')
      .set('X-CSRF-Token', expert.csrf)
      .send({ serial: 'SN-X-1', productCode: 'MK-P200', productionDate: '2024-01-01' });
    expect(res.status).toBe(403);
  });
});
