import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { PNG, lastFour, makeOwnedUnit, makeProduct } from '../../test/aftersales.js';
import { Claim } from '../claims/model.js';
import type { ContactDoc } from '../contacts/model.js';
import { Interaction } from '../interactions/model.js';
import type { ProductDoc, UnitDoc } from '../products/model.js';
import { Message } from '../tickets/message.model.js';
import { Ticket } from '../tickets/model.js';

const LOOKUPS = 40;
let app: TestApp;
let admin: SignedIn;
let product: ProductDoc;
let unit: UnitDoc;
let owner: ContactDoc;

beforeAll(async () => {
  app = await startTestApp({
    PORTAL_LOOKUPS_PER_IP: String(LOOKUPS),
    PORTAL_PHONE_TRIES_PER_SERIAL: '3',
  });
  admin = await signIn(app, await makeUser({ roles: ['admin'] }));
  product = await makeProduct();
  ({ unit, owner } = await makeOwnedUnit(product));
});
afterAll(() => app.close());

const lookup = (body: object) => request(app.url).post('/api/portal/lookup').send(body);
const fileRequest = (token: string | null, body: object) => {
  const req = request(app.url).post('/api/portal/requests').send(body);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};
const toPersianDigits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

async function ownerSession(u = unit, o = owner): Promise<string> {
  const res = await lookup({ serial: u.serial, phoneLast4: lastFour(o) });
  expect(res.status).toBe(200);
  return res.body.session.token as string;
}

describe('portal lookup', () => {
  it('shows model and coverage for a serial, nothing more without the phone digits', async () => {
    const res = await lookup({ serial: unit.serial.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      serial: unit.serial,
      product: { code: product.code, name: product.name },
      coverage: expect.objectContaining({ state: 'gold-guarantee' }),
      verified: false,
    });
    expect(res.body.coverage.guaranteeEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('rejects malformed and unknown serials clearly', async () => {
    const bad = await lookup({ serial: 'x!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const unknown = await lookup({ serial: 'NO-SUCH-SERIAL' });
    expect(unknown.status).toBe(404);
    const extra = await lookup({ serial: unit.serial, owner: 'me' });
    expect(extra.status).toBe(400);
    const digits = await lookup({ serial: unit.serial, phoneLast4: '12' });
    expect(digits.status).toBe(400);
  });

  it('with the owner phone digits (Persian digits too) shows documents, history and a session', async () => {
    const res = await lookup({ serial: unit.serial, phoneLast4: toPersianDigits(lastFour(owner)) });
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(true);
    expect(res.body.documents).toEqual([
      { kind: 'manual', title: 'User manual', url: 'https://example.com/manual.pdf', locale: 'en' },
    ]);
    expect(res.body.tickets).toEqual([]);
    expect(res.body.visits).toEqual([]);
    expect(typeof res.body.session.token).toBe('string');
  });

  it('counts wrong digits per serial and locks the serial after too many', async () => {
    const { unit: other, owner: otherOwner } = await makeOwnedUnit(product);
    const wrong = lastFour(otherOwner) === '0000' ? '1111' : '0000';
    for (let i = 0; i < 3; i++) {
      const res = await lookup({ serial: other.serial, phoneLast4: wrong });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('phone_mismatch');
    }
    const locked = await lookup({ serial: other.serial, phoneLast4: lastFour(otherOwner) });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_requests');
  });
});

describe('portal requests', () => {
  it('files a guarantee claim through recordContact into the queue, once per request id', async () => {
    const token = await ownerSession();
    const body = {
      kind: 'guarantee-claim',
      description: 'The heater leaks from the bottom',
      requestId: randomUUID(),
      locale: 'en',
    };
    const res = await fileRequest(token, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'guarantee-claim',
      label: expect.stringMatching(/^T-/),
    });
    const again = await fileRequest(token, body);
    expect(again.status).toBe(200);
    expect(again.body.ticket).toBe(res.body.ticket);

    const ticket = await Ticket.findById(res.body.ticket).lean();
    expect(ticket).toMatchObject({ channel: 'portal', type: 'guarantee-claim', priority: 'high' });
    expect(String(ticket!.unit)).toBe(String(unit._id));
    expect(String(ticket!.contact)).toBe(String(owner._id));
    expect((await Claim.findById(res.body.ticket).lean())?.step).toBe('review');
    expect(await Interaction.countDocuments({ ticket: ticket!._id, channel: 'portal' })).toBe(1);

    const queue = await admin.agent.get('/api/tickets?type=guarantee-claim');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(res.body.ticket);

    const photo = await request(app.url)
      .post(`/api/portal/requests/${res.body.ticket}/photos?name=leak.png`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'image/png')
      .send(PNG);
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ name: 'leak.png', contentType: 'image/png' });
    const message = await Message.findOne({ ticket: ticket!._id, channel: 'portal' }).lean();
    expect(message!.attachments).toHaveLength(1);

    const history = await lookup({ serial: unit.serial, phoneLast4: lastFour(owner) });
    expect(history.body.tickets[0]).toMatchObject({
      label: res.body.label,
      type: 'guarantee-claim',
      claimStep: 'review',
    });
    expect(JSON.stringify(history.body)).not.toContain('assignee');
  });

  it('refuses files that are not photos, requests of others, and calls without a session', async () => {
    const token = await ownerSession();
    const res = await fileRequest(token, {
      kind: 'service-request',
      description: 'Yearly service please',
      requestId: randomUUID(),
    });
    expect(res.status).toBe(201);
    const text = await request(app.url)
      .post(`/api/portal/requests/${res.body.ticket}/photos?name=notes.txt`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('just some text, not a photo at all'));
    expect(text.status).toBe(422);
    expect(text.body.error.code).toBe('photo_refused');

    const { unit: u2, owner: o2 } = await makeOwnedUnit(product);
    const strangerToken = await ownerSession(u2, o2);
    const foreign = await request(app.url)
      .post(`/api/portal/requests/${res.body.ticket}/photos`)
      .set('Authorization', `Bearer ${strangerToken}`)
      .set('Content-Type', 'image/png')
      .send(PNG);
    expect(foreign.status).toBe(404);

    const anonymous = await fileRequest(null, {
      kind: 'callback',
      description: 'Please call me',
      requestId: randomUUID(),
    });
    expect(anonymous.status).toBe(401);
    const forged = await fileRequest(`${token.slice(0, -3)}abc`, {
      kind: 'callback',
      description: 'Please call me',
      requestId: randomUUID(),
    });
    expect(forged.status).toBe(401);
  });

  it('refuses a guarantee claim for a unit past its gold guarantee; a service request is fine', async () => {
    const { unit: old, owner: oldOwner } = await makeOwnedUnit(product, { deliveredDaysAgo: 800 });
    const token = await ownerSession(old, oldOwner);
    const claim = await fileRequest(token, {
      kind: 'guarantee-claim',
      description: 'Broken after two years',
      requestId: randomUUID(),
    });
    expect(claim.status).toBe(422);
    expect(claim.body.error.code).toBe('not_under_guarantee');
    expect(await Ticket.countDocuments({ unit: old._id })).toBe(0);
    const service = await fileRequest(token, {
      kind: 'service-request',
      description: 'Broken after two years',
      requestId: randomUUID(),
    });
    expect(service.status).toBe(201);
    expect(service.body.type).toBe('service-request');
  });
});

describe('portal rate limit', () => {
  it('stops an IP that looks up too many serials', async () => {
    let status = 0;
    let calls = 0;
    while (status !== 429 && calls <= LOOKUPS) {
      calls += 1;
      status = (await lookup({ serial: `ENUM-${calls}0000` })).status;
    }
    expect(status).toBe(429);
    expect(calls).toBeLessThanOrEqual(LOOKUPS);
  });
});
