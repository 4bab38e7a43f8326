import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';

let app: TestApp;
let admin: SignedIn;
let expert: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app, await makeUser({ roles: ['admin'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
});
afterAll(() => app.close());

const create = (body: object) =>
  admin.agent.post('/api/expert-groups').set('X-CSRF-Token', admin.csrf).send(body);
const update = (id: string, body: object) =>
  admin.agent.patch(`/api/expert-groups/${id}`).set('X-CSRF-Token', admin.csrf).send(body);

describe('expert groups', () => {
  it('creates a group with business hours and SLA targets; experts may read, not write', async () => {
    const res = await create({
      slug: 'warranty',
      name: { fa: 'گارانتی', en: 'Warranty' },
      businessHours: {
        timezone: 'Asia/Tehran',
        weekly: [{ day: 6, open: '08:00', close: '17:00' }],
        holidays: ['2026-03-21'],
      },
      sla: { firstResponseMinutes: 30, resolutionMinutes: 1440, warningPercent: 80 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: 'warranty',
      businessHours: { alwaysOpen: false, holidays: ['2026-03-21'] },
      sla: { firstResponseMinutes: 30 },
    });
    expect((await expert.agent.get(`/api/expert-groups/${res.body.id}`)).status).toBe(200);
    expect(
      (
        await expert.agent
          .post('/api/expert-groups')
          .set('X-CSRF-Token', expert.csrf)
          .send({ slug: 'x2', name: { fa: 'x', en: 'x' } })
      ).status,
    ).toBe(403);
  });

  it('rejects a taken slug with 409, on create and on update', async () => {
    await create({ slug: 'sales-a', name: { fa: 'فروش', en: 'Sales' } });
    const other = await create({ slug: 'sales-b', name: { fa: 'فروش ۲', en: 'Sales 2' } });
    expect((await create({ slug: 'sales-a', name: { fa: 'ف', en: 'S' } })).status).toBe(409);
    const clash = await update(other.body.id, { slug: 'sales-a' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('slug_taken');
  });

  it('validates hours, overflow and keeps a single default group', async () => {
    const bad = await create({
      slug: 'bad-hours',
      name: { fa: 'ب', en: 'B' },
      businessHours: { weekly: [{ day: 1, open: '17:00', close: '08:00' }] },
    });
    expect(bad.status).toBe(400);
    const a = await create({ slug: 'default-a', name: { fa: 'الف', en: 'A' }, isDefault: true });
    const b = await create({ slug: 'default-b', name: { fa: 'ب', en: 'B' }, isDefault: true });
    expect((await admin.agent.get(`/api/expert-groups/${a.body.id}`)).body.isDefault).toBe(false);
    expect((await admin.agent.get(`/api/expert-groups/${b.body.id}`)).body.isDefault).toBe(true);
    expect((await update(a.body.id, { overflowGroup: a.body.id })).status).toBe(422);
    expect(
      (await update(a.body.id, { overflowGroup: b.body.id, overflowAfterMinutes: 5 })).body
        .overflowGroup,
    ).toBe(b.body.id);
  });
});
