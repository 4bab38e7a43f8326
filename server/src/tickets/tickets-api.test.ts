import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact, makeExpert, makeGroup, makeTicket, userById } from '../../test/factories.js';
import { Attachment } from '../attachments/model.js';
import { storeAttachment } from '../attachments/service.js';
import { registerChannel, unregisterChannel } from '../channels/registry.js';
import { unprocessable } from '../core/errors.js';
import type { ExpertGroupDoc } from '../expert-groups/model.js';
import { Interaction } from '../interactions/model.js';
import { Product, Unit } from '../products/model.js';
import { Message } from './message.model.js';
import { Ticket } from './model.js';

let app: TestApp;
let groupA: ExpertGroupDoc;
let groupB: ExpertGroupDoc;
let expertA: Awaited<ReturnType<typeof makeExpert>>;
let a: SignedIn;
let supervisor: SignedIn;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  groupA = await makeGroup();
  groupB = await makeGroup();
  expertA = await makeExpert([groupA], { online: true, maxConcurrent: 10 });
  a = await signIn(app, expertA);
  await makeExpert([groupB], { online: true });
  supervisor = await signIn(app, await makeUser({ roles: ['supervisor'] }));
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

const send = (who: SignedIn, method: 'post' | 'patch', path: string, body: object) =>
  who.agent[method](path).set('X-CSRF-Token', who.csrf).send(body);

describe('tickets API', () => {
  it('lets an expert see only tickets of their groups or assigned to them (404 otherwise)', async () => {
    const mine = await makeTicket(groupA, { subject: 'pump leaking' });
    const theirs = await makeTicket(groupB, { subject: 'other group' });
    const list = await a.agent.get('/api/tickets').query({ status: 'assigned,queued' });
    const ids = list.body.items.map((t: { id: string }) => t.id);
    expect(ids).toContain(String(mine._id));
    expect(ids).not.toContain(String(theirs._id));
    expect((await a.agent.get(`/api/tickets/${theirs._id}`)).status).toBe(404);
    const one = await a.agent.get(`/api/tickets/${mine._id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: String(mine._id),
      label: `T-${mine.number}`,
      status: 'assigned',
      messages: [],
      unitDetail: null,
      firstResponseAt: null,
    });
    expect(one.body.timeline.map((e: { event: string }) => e.event)).toEqual([
      'created',
      'assigned',
    ]);
    const both = await supervisor.agent
      .get('/api/tickets')
      .query({ group: `${groupA._id},${groupB._id}`, limit: 100 });
    const bothIds = both.body.items.map((t: { id: string }) => t.id);
    expect(bothIds).toEqual(expect.arrayContaining([String(mine._id), String(theirs._id)]));
    const all = await supervisor.agent.get('/api/tickets').query({ q: 'other group' });
    expect(all.body.items.map((t: { id: string }) => t.id)).toEqual([String(theirs._id)]);
    const byNumber = await supervisor.agent.get('/api/tickets').query({ q: `T-${mine.number}` });
    expect(byNumber.body.items.map((t: { id: string }) => t.id)).toEqual([String(mine._id)]);
  });

  it('filters and pages the queue', async () => {
    const contact = await makeContact();
    for (let i = 0; i < 5; i++)
      await makeTicket(groupA, { contact, priority: i % 2 ? 'high' : 'low' });
    const high = await a.agent
      .get('/api/tickets')
      .query({ contact: String(contact._id), priority: 'high' });
    expect(high.body.items).toHaveLength(2);
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await a.agent.get('/api/tickets').query({
        contact: String(contact._id),
        limit: 2,
        sort: 'createdAt',
        ...(cursor ? { cursor } : {}),
      });
      pages.push(...res.body.items.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(pages).size).toBe(5);
    expect((await a.agent.get('/api/tickets').query({ status: 'bogus' })).status).toBe(400);
    expect(
      (
        await a.agent
          .get('/api/tickets')
          .query({ createdFrom: '2026-01-02T00:00:00Z', createdTo: '2026-01-01T00:00:00Z' })
      ).status,
    ).toBe(422);
  });

  it('changes fields and status with the timeline recording who, from and to', async () => {
    const t = await makeTicket(groupA);
    const res = await send(a, 'patch', `/api/tickets/${t._id}`, {
      priority: 'urgent',
      tags: ['leak', 'pump'],
      faultCode: 'E01',
      status: 'pending',
      statusNote: 'waiting for photos',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      priority: 'urgent',
      tags: ['leak', 'pump'],
      faultCode: 'E01',
      status: 'pending',
    });
    const status = res.body.timeline.find((e: { event: string }) => e.event === 'status');
    expect(status).toMatchObject({
      from: 'assigned',
      to: 'pending',
      note: 'waiting for photos',
      actorKind: 'expert',
      actor: String(expertA._id),
    });
    const bad = await send(a, 'patch', `/api/tickets/${t._id}`, { status: 'pending' });
    expect(bad.status).toBe(200);
    const resolved = await send(a, 'patch', `/api/tickets/${t._id}`, { status: 'resolved' });
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect((await send(a, 'patch', `/api/tickets/${t._id}`, { status: 'pending' })).status).toBe(
      409,
    );
    expect((await send(a, 'patch', `/api/tickets/${t._id}`, { serial: 'NO-SUCH-1' })).status).toBe(
      422,
    );
    const product = await Product.create({ code: 'TK-1', name: { fa: 'پ', en: 'P' } });
    await Unit.create({
      serial: 'TK-0001',
      product: product._id,
      productCode: 'TK-1',
      productionDate: new Date('2024-01-01'),
      deliveryDate: new Date('2024-02-01'),
    });
    const linked = await send(a, 'patch', `/api/tickets/${t._id}`, { serial: 'tk-0001' });
    expect(linked.status).toBe(200);
    const detail = await a.agent.get(`/api/tickets/${t._id}`);
    expect(detail.body.unitDetail).toMatchObject({
      serial: 'TK-0001',
      productCode: 'TK-1',
      coverage: { state: expect.any(String) },
    });
  });

  it('transfers to another group with a note; the ticket leaves the old expert', async () => {
    const t = await makeTicket(groupA);
    expect(String(t.assignee)).toBe(String(expertA._id));
    const res = await send(a, 'post', `/api/tickets/${t._id}/transfer`, {
      groupId: String(groupB._id),
      note: 'warranty question',
    });
    expect(res.status).toBe(200);
    expect(res.body.group).toBe(String(groupB._id));
    expect(res.body.assignee).not.toBe(String(expertA._id));
    expect(
      res.body.timeline.some(
        (e: { event: string; note: string }) =>
          e.event === 'transferred' && e.note === 'warranty question',
      ),
    ).toBe(true);
    expect((await a.agent.get(`/api/tickets/${t._id}`)).status).toBe(404);
    // The load went down by exactly one: the other open tickets still count.
    const stillOpen = await Ticket.countDocuments({
      assignee: expertA._id,
      status: { $in: ['assigned', 'pending'] },
    });
    expect((await userById(expertA._id))!.activeCount).toBe(stillOpen);
  });

  it('lets only supervisors assign to others (403 for experts), and says when the expert has no room', async () => {
    const other = await makeExpert([groupA], { online: true });
    const full = await makeGroup({ defaultMaxConcurrent: 0 });
    const t = await makeTicket(full);
    expect(t.status).toBe('queued');
    expect(
      (await send(a, 'post', `/api/tickets/${t._id}/assign`, { expertId: String(other._id) }))
        .status,
    ).toBe(404);
    const visible = await makeTicket(groupA);
    const denied = await send(a, 'post', `/api/tickets/${visible._id}/assign`, {
      expertId: String(other._id),
    });
    expect(denied.status).toBe(403);
    const res = await send(supervisor, 'post', `/api/tickets/${t._id}/assign`, {
      expertId: String(other._id),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('assign_expert_unavailable');
  });

  it('merges two tickets of one contact', async () => {
    const contact = await makeContact();
    const target = await makeTicket(groupA, { contact });
    const source = await makeTicket(groupA, { contact, tags: ['dup'] });
    await send(a, 'post', `/api/tickets/${source._id}/notes`, { text: 'moved note' });
    const file = await storeAttachment({
      data: Buffer.from('%PDF-1.4\n%%EOF\n'),
      name: 'invoice.pdf',
      ticketId: source._id,
      uploadedBy: { kind: 'expert', id: 'x' },
    });
    const res = await send(a, 'post', `/api/tickets/${target._id}/merge`, {
      sourceTicketId: String(source._id),
    });
    expect(res.status).toBe(200);
    expect(res.body.tags).toContain('dup');
    expect(await Message.countDocuments({ ticket: source._id })).toBe(0);
    expect(await Message.countDocuments({ ticket: target._id })).toBe(1);
    expect(String((await Attachment.findById(file.fileId).lean())?.ticket)).toBe(
      String(target._id),
    );
    const after = await a.agent.get(`/api/tickets/${source._id}`);
    expect(after.body).toMatchObject({ status: 'closed', mergedInto: String(target._id) });
    const otherContact = await makeTicket(groupA);
    expect(
      (
        await send(a, 'post', `/api/tickets/${target._id}/merge`, {
          sourceTicketId: String(otherContact._id),
        })
      ).status,
    ).toBe(422);
  });

  it('notifies a mentioned expert of an internal note through their socket', async () => {
    const colleague = await makeExpert([groupA], { online: true });
    const login = await signIn(app, colleague);
    const socket = connect(`${app.url}/staff`, {
      transports: ['websocket'],
      extraHeaders: { cookie: login.cookie },
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const mention = new Promise<{ message: { text: string; mentions: string[] }; by: string }>(
      (resolve) => socket.once('mention:created', resolve),
    );
    const t = await makeTicket(groupA);
    const res = await send(a, 'post', `/api/tickets/${t._id}/notes`, {
      text: '@colleague please check',
      mentions: [String(colleague._id)],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      direction: 'internal',
      channel: 'note',
      authorKind: 'expert',
    });
    const event = await mention;
    expect(event).toMatchObject({
      by: String(expertA._id),
      message: { text: '@colleague please check', mentions: [String(colleague._id)] },
    });
    expect(
      (
        await send(a, 'post', `/api/tickets/${t._id}/notes`, {
          text: 'x',
          mentions: ['0123456789abcdef01234567'],
        })
      ).status,
    ).toBe(422);
  });

  it('refuses a reply on a channel that is not configured, and sends through a configured one', async () => {
    const t = await makeTicket(groupA);
    const none = await send(a, 'post', `/api/tickets/${t._id}/messages`, {
      text: 'hello',
      channel: 'sms',
    });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('channel_unavailable');

    const sent: string[] = [];
    registerChannel({
      channel: 'sms',
      reach: async (contact) =>
        contact.phones.length ? null : unprocessable('contact_unreachable', 'no phone'),
      send: async (message) => {
        sent.push(message.text);
        return { status: 'sent', externalId: `SM-loopback-${sent.length}` };
      },
    });
    try {
      const res = await send(a, 'post', `/api/tickets/${t._id}/messages`, {
        text: 'سلام، پمپ را بررسی کنید',
        channel: 'sms',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ direction: 'out', channel: 'sms', deliveryStatus: 'sent' });
      expect(sent).toEqual(['سلام، پمپ را بررسی کنید']);
      const ticket = await a.agent.get(`/api/tickets/${t._id}`);
      expect(ticket.body.firstResponseAt).not.toBeNull();
      const log = await Interaction.findOne({ ticket: t._id, direction: 'out' }).lean();
      expect(log).toMatchObject({
        channel: 'sms',
        outcome: 'sent',
        caller: { kind: 'staff', value: String(expertA._id) },
      });
    } finally {
      unregisterChannel('sms');
    }
  });
});
