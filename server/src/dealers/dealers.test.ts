import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { AuditLog } from '../audit/model.js';
import { Visit } from '../visits/model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['admin'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
});
afterAll(() => app.close());

const post = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const patch = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);
const del = (path: string, who: SignedIn = manager) =>
  who.agent.delete(path).set('X-CSRF-Token', who.csrf);

let n = 0;
const dealer = (fields: Record<string, unknown> = {}) => ({
  code: `T-${++n}-${Math.random().toString(36).slice(2, 6)}`,
  name: `Dealer ${n}`,
  kinds: ['sales', 'service'],
  province: 'Tehran',
  city: 'Tehran',
  ...fields,
});
const MISSING = '0123456789abcdef01234567';

describe('dealers', () => {
  it('creates, reads, lists, changes and deletes dealers; experts only read', async () => {
    const created = await post('/api/dealers', {
      code: 'd-rasht-1',
      name: 'نمایندگی رشت',
      kinds: ['service'],
      province: 'گیلان',
      city: 'رشت',
      address: 'خیابان امام',
      phone: '0131 333 4444',
      location: { lat: 37.28, lng: 49.58 },
      region: 'north',
      contractStart: '2023-03-21',
      contractEnd: '2026-03-20',
      workplaceCondition: 'clean, two lifts',
      needs: 'a pressure tester',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'D-RASHT-1',
      status: 'active',
      phone: '+981313334444',
      location: { lat: 37.28, lng: 49.58 },
      contractStart: '2023-03-21',
      contractEnd: '2026-03-20',
    });
    expect(created.body.history).toHaveLength(1);
    const id = created.body.id as string;

    expect((await post('/api/dealers', dealer(), expert)).status).toBe(403);
    expect((await patch(`/api/dealers/${id}`, { needs: 'x' }, expert)).status).toBe(403);
    expect(
      (await post(`/api/dealers/${id}/inspections`, { plannedAt: '2025-01-01' }, expert)).status,
    ).toBe(403);
    expect((await expert.agent.get(`/api/dealers/${id}`)).status).toBe(200);

    const dup = await post('/api/dealers', dealer({ code: 'D-Rasht-1' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('code_taken');

    const suspended = await patch(`/api/dealers/${id}`, { status: 'suspended', needs: 'tools' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect(suspended.body.history.at(-1).note).toMatch(/active -> suspended/);

    const note = await post(`/api/dealers/${id}/history`, {
      note: 'Visited by the regional manager',
      at: '2024-05-01',
    });
    expect(note.status).toBe(201);
    expect(note.body.history.map((h: { note: string }) => h.note)).toContain(
      'Visited by the regional manager',
    );

    const list = await expert.agent
      .get('/api/dealers')
      .query({ province: 'گیلان', status: 'suspended' });
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([id]);
    const byName = await expert.agent.get('/api/dealers').query({ q: 'رشت' });
    expect(byName.body.items.map((d: { id: string }) => d.id)).toContain(id);

    const other = await post('/api/dealers', dealer());
    expect((await del(`/api/dealers/${other.body.id}`)).status).toBe(204);
    expect((await expert.agent.get(`/api/dealers/${other.body.id}`)).status).toBe(404);
    expect(await AuditLog.countDocuments({ targetKind: 'dealer', targetId: id })).toBe(3);
  });

  it('rejects bad input: unknown keys, bad dates, contract ending before it starts, 404s', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...dealer(), colour: 'blue' }, /Unrecognized key/i],
      [dealer({ kinds: ['repair'] }), /kinds/],
      [dealer({ kinds: [] }), /kinds/],
      [dealer({ contractStart: '2024-02-30' }), /not a real calendar date/],
      [dealer({ contractStart: '21/03/2024' }), /YYYY-MM-DD/],
      [dealer({ location: { lat: 95, lng: 10 } }), /location\.lat/],
      [dealer({ location: { lat: 35, lng: 51, alt: 3 } }), /Unrecognized key/i],
      [dealer({ phone: '12' }), /phone/],
    ];
    for (const [body, message] of bad) {
      const res = await post('/api/dealers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const backwards = await post(
      '/api/dealers',
      dealer({ contractStart: '2024-05-01', contractEnd: '2024-04-30' }),
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.code).toBe('contract_end_before_start');

    expect((await expert.agent.get(`/api/dealers/${MISSING}`)).status).toBe(404);
    expect((await patch(`/api/dealers/${MISSING}`, { needs: 'x' })).status).toBe(404);
    expect((await post(`/api/dealers/${MISSING}/technicians`, { name: 'X' })).status).toBe(404);
    expect(
      (await post(`/api/dealers/${MISSING}/inspections`, { plannedAt: '2025-01-01' })).status,
    ).toBe(404);
    expect((await expert.agent.get('/api/dealers/not-an-id')).status).toBe(400);
  });

  it('keeps technicians with trainings and certifications under their dealer', async () => {
    const d = (await post('/api/dealers', dealer())).body;
    const tech = await post(`/api/dealers/${d.id}/technicians`, {
      name: 'رضا کریمی',
      phone: '09121234567',
      trainings: [{ title: 'Pump service level 1', date: '2023-05-10' }],
      certifications: [
        { title: 'Certified installer', issuedAt: '2023-06-01', expiresAt: '2024-06-01' },
        { title: 'Electrical safety', issuedAt: '2024-01-15' },
      ],
    });
    expect(tech.status).toBe(201);
    expect(tech.body).toMatchObject({
      dealer: d.id,
      phone: '+989121234567',
      trainings: [{ title: 'Pump service level 1', date: '2023-05-10' }],
      certifications: [
        { title: 'Certified installer', expiresAt: '2024-06-01', valid: false },
        { title: 'Electrical safety', expiresAt: null, valid: true },
      ],
    });
    const backwards = await post(`/api/dealers/${d.id}/technicians`, {
      name: 'X',
      certifications: [{ title: 'C', issuedAt: '2024-01-02', expiresAt: '2024-01-01' }],
    });
    expect(backwards.status).toBe(422);
    const badDate = await post(`/api/dealers/${d.id}/technicians`, {
      name: 'X',
      trainings: [{ title: 'T', date: '2024-13-01' }],
    });
    expect(badDate.status).toBe(400);

    const updated = await patch(`/api/dealers/${d.id}/technicians/${tech.body.id}`, {
      active: false,
    });
    expect(updated.body.active).toBe(false);
    const other = (await post('/api/dealers', dealer())).body;
    // A technician is reached only through their own dealer.
    expect(
      (await patch(`/api/dealers/${other.id}/technicians/${tech.body.id}`, { active: true }))
        .status,
    ).toBe(404);

    const record = await expert.agent.get(`/api/dealers/${d.id}`);
    expect(record.body.technicians.map((t: { id: string }) => t.id)).toEqual([tech.body.id]);

    // A dealer with technicians cannot be deleted (terminate it instead).
    const refused = await del(`/api/dealers/${d.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('dealer_in_use');
    expect((await del(`/api/dealers/${d.id}/technicians/${tech.body.id}`)).status).toBe(204);
    expect((await expert.agent.get(`/api/dealers/${d.id}/technicians`)).body.items).toEqual([]);
  });

  it('records inspections and shows their history and the score trend in time order', async () => {
    const d = (await post('/api/dealers', dealer())).body;
    const inspect = (body: Record<string, unknown>) =>
      post(`/api/dealers/${d.id}/inspections`, body);
    // Entered out of order on purpose.
    const second = await inspect({
      plannedAt: '2024-06-01',
      doneAt: '2024-06-03',
      checklist: [
        { item: 'Spare parts stock', ok: true },
        { item: 'Workshop tidy', ok: false, note: 'oil on the floor' },
      ],
      score: 75,
      findings: 'Floor needs cleaning',
      actions: 'Clean and re-check in a month',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      status: 'done',
      plannedAt: '2024-06-01',
      doneAt: '2024-06-03',
      score: 75,
      checklist: [{ item: 'Spare parts stock', ok: true, note: '' }, { ok: false }],
    });
    await inspect({ plannedAt: '2024-01-10', doneAt: '2024-01-12', score: 60 });
    await inspect({ plannedAt: '2024-11-01', doneAt: '2024-11-02', score: 90 });
    const planned = await inspect({ plannedAt: '2099-01-01' });
    expect(planned.body).toMatchObject({ status: 'planned', doneAt: null, score: null });

    const bad: Array<[Record<string, unknown>, number, string?]> = [
      [{ plannedAt: '2024-01-01', score: 101, doneAt: '2024-01-01' }, 400],
      [{ plannedAt: '2024-01-01', score: -1, doneAt: '2024-01-01' }, 400],
      [{ plannedAt: '2024-01-01', checklist: [{ item: 'x', ok: true, extra: 1 }] }, 400],
      [{ plannedAt: '2024-02-31' }, 400],
      [{ doneAt: '2024-01-01' }, 400],
      [{ plannedAt: '2024-01-01', score: 50 }, 422, 'score_without_done'],
      [{ plannedAt: '2024-01-01', status: 'done' }, 422, 'done_without_date'],
      [{ plannedAt: '2099-01-01', doneAt: '2099-01-02' }, 422, 'done_in_future'],
    ];
    for (const [body, status, code] of bad) {
      const res = await inspect(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (code) expect(res.body.error.code).toBe(code);
    }

    // Completing the planned one later (as of yesterday) puts it last in the trend.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const done = await patch(`/api/dealers/${d.id}/inspections/${planned.body.id}`, {
      plannedAt: yesterday,
      doneAt: yesterday,
      score: 85,
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');

    const record = await expert.agent.get(`/api/dealers/${d.id}`);
    expect(record.status).toBe(200);
    expect(record.body.inspections).toHaveLength(4);
    expect(record.body.inspections[0].plannedAt).toBe(yesterday);
    expect(record.body.scoreTrend.scores.map((s: { score: number }) => s.score)).toEqual([
      60, 75, 90, 85,
    ]);
    expect(record.body.scoreTrend).toMatchObject({ last: 85, change: -5, average: 77.5 });

    const list = await expert.agent.get(`/api/dealers/${d.id}/inspections`).query({ limit: 3 });
    expect(list.body.items).toHaveLength(3);
    expect(list.body.nextCursor).toBeTruthy();
    expect(await Visit.countDocuments({ dealer: d.id, kind: 'dealer-inspection' })).toBe(4);
    const other = (await post('/api/dealers', dealer())).body;
    expect(
      (await patch(`/api/dealers/${other.id}/inspections/${planned.body.id}`, { score: 1 })).status,
    ).toBe(404);
  });

  it('finds the nearest active service dealers: same city, same province, then by distance', async () => {
    // The customer is in Rasht (Gilan).
    const customer = { province: 'گیلان', city: 'رشت', lat: 37.2808, lng: 49.5832 };
    const make = async (code: string, fields: Record<string, unknown>) =>
      (await post('/api/dealers', dealer({ code, kinds: ['service'], ...fields }))).body
        .id as string;
    const rashtNoCoords = await make('N-RASHT-A', { province: 'گیلان', city: 'رشت' });
    const rashtNear = await make('N-RASHT-B', {
      province: 'گیلان',
      city: 'رشت',
      location: { lat: 37.27, lng: 49.59 },
    });
    const lahijan = await make('N-LAHIJAN', {
      province: 'گیلان',
      city: 'لاهیجان',
      location: { lat: 37.2072, lng: 50.0039 },
    });
    const anzali = await make('N-ANZALI', {
      province: 'گیلان',
      city: 'بندر انزلی',
      location: { lat: 37.4727, lng: 49.4622 },
    });
    const sari = await make('N-SARI', {
      province: 'مازندران',
      city: 'ساری',
      location: { lat: 36.5633, lng: 53.0601 },
    });
    const tehran = await make('N-TEHRAN', {
      province: 'تهران',
      city: 'تهران',
      location: { lat: 35.6892, lng: 51.389 },
    });
    const salesOnly = await make('N-SALES', { province: 'گیلان', city: 'رشت', kinds: ['sales'] });
    const suspended = await make('N-SUSP', { province: 'گیلان', city: 'رشت', status: 'suspended' });
    const mine = new Set([
      rashtNoCoords,
      rashtNear,
      lahijan,
      anzali,
      sari,
      tehran,
      salesOnly,
      suspended,
    ]);

    // Typed with Arabic yeh (گيلان), as customers often do.
    const res = await expert.agent
      .get('/api/dealers/nearest')
      .query({ ...customer, province: 'گيلان', limit: 50 });
    expect(res.status).toBe(200);
    const order = res.body.items.filter((d: { id: string }) => mine.has(d.id));
    expect(order.map((d: { id: string }) => d.id)).toEqual([
      rashtNear,
      rashtNoCoords,
      anzali,
      lahijan,
      tehran,
      sari,
    ]);
    expect(order.map((d: { match: string }) => d.match)).toEqual([
      'city',
      'city',
      'province',
      'province',
      'other',
      'other',
    ]);
    expect(order[0].distanceKm).toBeLessThan(2);
    expect(order[1].distanceKm).toBeNull();
    expect(order[4].distanceKm).toBeGreaterThan(200);
    expect(order[4].distanceKm).toBeLessThan(order[5].distanceKm);

    // Without coordinates: same city, then same province, then by code.
    const noCoords = await expert.agent
      .get('/api/dealers/nearest')
      .query({ province: 'گیلان', city: 'رشت', limit: 50 });
    const ids = noCoords.body.items
      .map((d: { id: string }) => d.id)
      .filter((id: string) => mine.has(id));
    expect(ids.slice(0, 4)).toEqual([rashtNoCoords, rashtNear, anzali, lahijan]);

    expect((await expert.agent.get('/api/dealers/nearest')).status).toBe(400);
    expect((await expert.agent.get('/api/dealers/nearest').query({ lat: 35 })).status).toBe(400);
    expect(
      (await expert.agent.get('/api/dealers/nearest').query({ city: 'رشت', radius: 5 })).status,
    ).toBe(400);
  });
});
