import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { AuditLog } from '../audit/model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
});
afterAll(() => app.close());

const post = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const patch = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);
const del = (path: string, who: SignedIn = manager) =>
  who.agent.delete(path).set('X-CSRF-Token', who.csrf);
const MISSING = '0123456789abcdef01234567';

describe('competitors register', () => {
  it('records competitors with market share by province; experts only read', async () => {
    const created = await post('/api/competitors', {
      name: 'پمپ‌سازان کیان',
      products: ['Submersible pump 4"', 'Drip kit', 'Drip kit'],
      shares: [
        { province: 'گیلان', percent: 12.5, asOf: '2024-03-20' },
        { province: 'گیلان', percent: 18, asOf: '2025-03-20' },
        { province: 'تهران', percent: 30, asOf: '2025-01-01' },
      ],
      notes: 'Cheaper, weaker after-sales',
    });
    expect(created.status).toBe(201);
    expect(created.body.products).toEqual(['Submersible pump 4"', 'Drip kit']);
    expect(created.body.currentShares).toEqual([
      { province: 'تهران', percent: 30, asOf: '2025-01-01' },
      { province: 'گیلان', percent: 18, asOf: '2025-03-20' },
    ]);
    const id = created.body.id as string;

    expect((await post('/api/competitors', { name: 'X' }, expert)).status).toBe(403);
    expect((await patch(`/api/competitors/${id}`, { notes: 'x' }, expert)).status).toBe(403);
    expect((await del(`/api/competitors/${id}`, expert)).status).toBe(403);
    expect((await expert.agent.get(`/api/competitors/${id}`)).body.name).toBe('پمپ‌سازان کیان');

    const changed = await patch(`/api/competitors/${id}`, {
      shares: [{ province: 'مازندران', percent: 5, asOf: '2025-02-01' }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.shares).toEqual([{ province: 'مازندران', percent: 5, asOf: '2025-02-01' }]);

    await post('/api/competitors', { name: 'Other Pumps Co' });
    const inProvince = await expert.agent.get('/api/competitors').query({ province: 'مازندران' });
    expect(inProvince.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const byName = await expert.agent.get('/api/competitors').query({ q: 'other' });
    expect(byName.body.items.map((c: { name: string }) => c.name)).toEqual(['Other Pumps Co']);

    expect((await del(`/api/competitors/${id}`)).status).toBe(204);
    expect((await expert.agent.get(`/api/competitors/${id}`)).status).toBe(404);
    expect(await AuditLog.countDocuments({ targetKind: 'competitor', targetId: id })).toBe(3);
  });

  it('refuses a duplicate name, however it is typed', async () => {
    expect((await post('/api/competitors', { name: 'Kabir Industries' })).status).toBe(201);
    for (const name of ['Kabir Industries', '  kabir   INDUSTRIES ']) {
      const dup = await post('/api/competitors', { name });
      expect(dup.status, name).toBe(409);
      expect(dup.body.error.code).toBe('name_taken');
    }
    expect((await post('/api/competitors', { name: 'کشاورز صنعت' })).status).toBe(201);
    // Arabic kaf and ZWNJ-free spelling of the same name.
    expect((await post('/api/competitors', { name: 'كشاورز صنعت' })).status).toBe(409);

    const other = await post('/api/competitors', { name: 'Renamed Later' });
    const clash = await patch(`/api/competitors/${other.body.id}`, { name: 'KABIR industries' });
    expect(clash.status).toBe(409);
  });

  it('rejects bad input', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: 'A', website: 'x' }, /Unrecognized key/i],
      [{ name: '' }, /name/],
      [{ name: 'A', shares: [{ province: 'Gilan', percent: 101, asOf: '2024-01-01' }] }, /percent/],
      [{ name: 'A', shares: [{ province: 'Gilan', percent: -1, asOf: '2024-01-01' }] }, /percent/],
      [{ name: 'A', shares: [{ province: 'Gilan', percent: 5, asOf: '2024-02-30' }] }, /calendar/],
      [
        { name: 'A', shares: [{ province: 'Gilan', percent: 5, asOf: '2024-01-01', x: 1 }] },
        /Unrecognized key/i,
      ],
    ];
    for (const [body, message] of bad) {
      const res = await post('/api/competitors', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const twice = await post('/api/competitors', {
      name: 'Twice',
      shares: [
        { province: 'Gilan', percent: 5, asOf: '2024-01-01' },
        { province: 'gilan', percent: 6, asOf: '2024-01-01' },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe('duplicate_share');
    expect((await patch(`/api/competitors/${MISSING}`, { notes: 'x' })).status).toBe(404);
    expect((await del(`/api/competitors/${MISSING}`)).status).toBe(404);
  });
});
