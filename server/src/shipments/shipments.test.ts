import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact } from '../../test/factories.js';
import { AuditLog } from '../audit/model.js';
import { Contact } from '../contacts/model.js';
import { Dealer } from '../dealers/model.js';
import { Shipment } from './model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;
let contactId: string;
let dealerId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['admin'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
  contactId = String((await makeContact())._id);
  dealerId = String(
    (
      await Dealer.create({
        code: 'SH-1',
        name: 'Shipments dealer',
        kinds: ['sales'],
        province: 'Gilan',
        city: 'Rasht',
      })
    )._id,
  );
});
afterAll(() => app.close());

const post = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const patch = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);
const del = (path: string, who: SignedIn = manager) =>
  who.agent.delete(path).set('X-CSRF-Token', who.csrf);
const MISSING = '0123456789abcdef01234567';
const gift = (fields: Record<string, unknown> = {}) => ({
  kind: 'gift',
  contact: contactId,
  items: [{ name: 'Calendar 1404', quantity: 2 }],
  ...fields,
});

describe('shipments log', () => {
  it('logs samples and gifts to contacts and dealers; experts only read', async () => {
    const created = await post(
      '/api/shipments',
      gift({
        trackingNumber: 'IR-123456',
        sentAt: '2025-01-05',
        deliveredAt: '2025-01-08',
        notes: 'New year gift',
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'gift',
      contact: contactId,
      dealer: null,
      items: [{ name: 'Calendar 1404', quantity: 2 }],
      trackingNumber: 'IR-123456',
      sentAt: '2025-01-05',
      deliveredAt: '2025-01-08',
      status: 'delivered',
    });
    const id = created.body.id as string;

    const sample = await post('/api/shipments', {
      kind: 'sample',
      dealer: dealerId,
      items: [{ name: 'Drip emitter', quantity: 50 }],
    });
    expect(sample.status).toBe(201);
    expect(sample.body.status).toBe('preparing');
    const toFactory = await post('/api/shipments', { kind: 'to-factory', trackingNumber: 'F-1' });
    expect(toFactory.status).toBe(201);

    expect((await post('/api/shipments', gift(), expert)).status).toBe(403);
    expect((await patch(`/api/shipments/${id}`, { notes: 'x' }, expert)).status).toBe(403);
    expect((await del(`/api/shipments/${id}`, expert)).status).toBe(403);
    expect((await expert.agent.get(`/api/shipments/${id}`)).status).toBe(200);

    const sent = await patch(`/api/shipments/${sample.body.id}`, { sentAt: '2025-02-01' });
    expect(sent.body.status).toBe('sent');

    const byContact = await expert.agent.get('/api/shipments').query({ contact: contactId });
    expect(byContact.body.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(byContact.body.items[0].recipientName).toBe(
      (await Contact.findById(contactId).lean())!.name,
    );
    const byDealer = await expert.agent.get('/api/shipments').query({ dealer: dealerId });
    expect(byDealer.body.items.map((s: { id: string }) => s.id)).toEqual([sample.body.id]);
    const byKind = await expert.agent.get('/api/shipments').query({ kind: 'to-factory' });
    expect(byKind.body.items.map((s: { id: string }) => s.id)).toEqual([toFactory.body.id]);
    const all = await expert.agent.get('/api/shipments').query({ limit: 2 });
    expect(all.body.items).toHaveLength(2);
    expect(all.body.nextCursor).toBeTruthy();

    expect((await del(`/api/shipments/${toFactory.body.id}`)).status).toBe(204);
    expect((await expert.agent.get(`/api/shipments/${toFactory.body.id}`)).status).toBe(404);
    expect(await AuditLog.countDocuments({ targetKind: 'shipment', targetId: id })).toBe(1);
  });

  it('refuses delivery before sending, on create and on change', async () => {
    const before = await post(
      '/api/shipments',
      gift({ sentAt: '2025-03-10', deliveredAt: '2025-03-09' }),
    );
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe('delivered_before_sent');
    const unsent = await post('/api/shipments', gift({ deliveredAt: '2025-03-09' }));
    expect(unsent.status).toBe(422);
    expect(unsent.body.error.code).toBe('delivered_before_sent');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const ahead = await post('/api/shipments', gift({ sentAt: '2025-03-10', deliveredAt: future }));
    expect(ahead.status).toBe(422);

    const ok = await post('/api/shipments', gift({ sentAt: '2025-03-10' }));
    const change = await patch(`/api/shipments/${ok.body.id}`, { deliveredAt: '2025-03-01' });
    expect(change.status).toBe(422);
    expect(change.body.error.code).toBe('delivered_before_sent');
    const sameDay = await patch(`/api/shipments/${ok.body.id}`, { deliveredAt: '2025-03-10' });
    expect(sameDay.status).toBe(200);
    const unsend = await patch(`/api/shipments/${ok.body.id}`, { sentAt: null });
    expect(unsend.status).toBe(422);
    expect((await Shipment.findById(ok.body.id).lean())!.sentAt).toBeTruthy();
  });

  it('checks recipients exist and rejects bad input', async () => {
    const count = await Shipment.countDocuments();
    const refs: Array<[Record<string, unknown>, string]> = [
      [gift({ contact: MISSING }), 'unknown_contact'],
      [gift({ contact: null, dealer: MISSING }), 'unknown_dealer'],
      [gift({ ticket: MISSING }), 'unknown_ticket'],
      [gift({ contact: null }), 'recipient_required'],
      [gift({ items: [] }), 'items_required'],
    ];
    for (const [body, code] of refs) {
      const res = await post('/api/shipments', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe(code);
    }
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...gift(), colour: 'red' }, /Unrecognized key/i],
      [gift({ kind: 'bribe' }), /kind/],
      [gift({ sentAt: '2025-1-5' }), /YYYY-MM-DD/],
      [gift({ sentAt: '2025-02-29' }), /calendar/],
      [gift({ items: [{ name: 'x', quantity: 0 }] }), /quantity/],
      [gift({ items: [{ name: 'x', quantity: 1, price: 3 }] }), /Unrecognized key/i],
      [gift({ contact: 'abc' }), /contact/],
    ];
    for (const [body, message] of bad) {
      const res = await post('/api/shipments', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await Shipment.countDocuments()).toBe(count);
    expect((await expert.agent.get(`/api/shipments/${MISSING}`)).status).toBe(404);
    expect((await patch(`/api/shipments/${MISSING}`, { notes: 'x' })).status).toBe(404);
    expect((await expert.agent.get('/api/shipments').query({ kind: 'bribe' })).status).toBe(400);
  });
});
