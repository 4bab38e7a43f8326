import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { Interaction } from '../interactions/model.js';
import { Message } from '../tickets/message.model.js';
import { Ticket } from '../tickets/model.js';
import { Product, Unit } from '../products/model.js';
import { Contact, ContactIdentity } from './model.js';
import { findOrCreateContact } from './service.js';
import { localParts } from '../core/dates.js';

let app: TestApp;
let staff: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  staff = await signIn(app, await makeUser({ roles: ['supervisor'] }));
});
afterAll(() => app.close());

const post = (path: string, body: object) =>
  staff.agent.post(path).set('X-CSRF-Token', staff.csrf).send(body);

describe('contacts', () => {
  it('finds one contact whichever way the phone number is written', async () => {
    const created = await post('/api/contacts', {
      name: 'علی احمدی',
      phones: [{ number: '0912 345 6789' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.phones[0].number).toBe('+989123456789');

    for (const q of ['0912 345 6789', '+98 912 345 6789', '00989123456789', '۰۹۱۲۳۴۵۶۷۸۹']) {
      const res = await staff.agent.get('/api/contacts').query({ q });
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    }
    const again = await findOrCreateContact({ phone: '+989123456789' });
    expect(String(again._id)).toBe(created.body.id);

    const duplicate = await post('/api/contacts', {
      name: 'Someone else',
      phones: [{ number: '+98 912 345 6789' }],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.details.contactId).toBe(created.body.id);
    expect(await Contact.countDocuments({ 'phones.number': '+989123456789' })).toBe(1);
  });

  it('rejects a malformed phone number with a clear message', async () => {
    const res = await post('/api/contacts', { name: 'X', phones: [{ number: '12' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/phones\.0\.number: not a valid phone number/);
  });

  it('creates exactly one contact when the same new caller arrives twice at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        findOrCreateContact({ phone: '+989351112233', name: 'Rahim' }),
      ),
    );
    expect(new Set(results.map((c) => String(c._id))).size).toBe(1);
    expect(await Contact.countDocuments({ 'phones.number': '+989351112233' })).toBe(1);
    expect(await ContactIdentity.countDocuments({ value: '+989351112233' })).toBe(1);
  });

  it('merges two contacts: everything moves over, nothing is left pointing at the old one', async () => {
    const a = await post('/api/contacts', {
      name: 'Karim',
      phones: [{ number: '09121110000' }],
      province: 'Gilan',
    });
    const b = await post('/api/contacts', {
      phones: [{ number: '09121110001' }],
      emails: ['karim@example.com'],
      tags: ['vip'],
    });
    const sourceId = b.body.id as string;
    const product = await Product.create({ code: 'MRG-1', name: { fa: 'م', en: 'M' } });
    await Unit.create({
      serial: 'MRG-0001',
      product: product._id,
      productCode: 'MRG-1',
      productionDate: new Date('2024-01-01'),
      owner: sourceId,
    });
    const ticket = await Ticket.create({ number: 99001, channel: 'sms', contact: sourceId });
    await Message.create({
      ticket: ticket._id,
      contact: sourceId,
      direction: 'in',
      channel: 'sms',
      authorKind: 'contact',
      text: 'hi',
      externalId: 'SM-merge-1',
    });
    const now = new Date();
    const parts = localParts(now, 'Asia/Tehran');
    await Interaction.create({
      channel: 'sms',
      direction: 'in',
      caller: { kind: 'phone', value: '+989121110001' },
      contact: sourceId,
      ticket: ticket._id,
      startedAt: now,
      outcome: 'received',
      localDay: parts.day,
      localHour: parts.hour,
      localWeekday: parts.weekday,
    });

    const merged = await post(`/api/contacts/${a.body.id}/merge`, { sourceId });
    expect(merged.status).toBe(200);
    expect(merged.body.phones.map((p: { number: string }) => p.number).sort()).toEqual([
      '+989121110000',
      '+989121110001',
    ]);
    expect(merged.body.emails).toEqual(['karim@example.com']);
    expect(merged.body.tags).toEqual(['vip']);
    expect(merged.body.segment).toBe('potential');

    for (const model of [Ticket, Message, Interaction, ContactIdentity]) {
      expect(await (model as typeof Ticket).countDocuments({ contact: sourceId })).toBe(0);
    }
    expect(await Unit.countDocuments({ owner: sourceId })).toBe(0);
    expect(await Unit.countDocuments({ owner: a.body.id })).toBe(1);
    const source = await staff.agent.get(`/api/contacts/${sourceId}`);
    expect(source.body.mergedInto).toBe(a.body.id);

    // The old phone now finds the surviving contact; merged contacts vanish from lists.
    const found = await staff.agent.get('/api/contacts').query({ q: '09121110001' });
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([a.body.id]);
    const again = await post(`/api/contacts/${a.body.id}/merge`, { sourceId: a.body.id });
    expect(again.status).toBe(422);
  });

  it('pages through contacts with a cursor, no duplicates or gaps', async () => {
    for (let i = 0; i < 7; i++)
      await post('/api/contacts', { name: `Page person ${i}`, tags: ['paging'] });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await staff.agent
        .get('/api/contacts')
        .query({ tag: 'paging', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await staff.agent.get('/api/contacts').query({ cursor: 'garbage' })).status).toBe(400);
  });
});
