import type { VisitorSession } from '@cc/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type TestApp } from '../../../test/app.js';
import { makeExpert, makeGroup } from '../../../test/factories.js';
import { Callback } from '../../callbacks/model.js';
import type { ExpertGroupDoc } from '../../expert-groups/model.js';
import { Interaction } from '../../interactions/model.js';
import { assignToExpert } from '../../routing/assignment.js';
import { syncExpertIndex } from '../../routing/routing-index.js';
import { RoutingRule } from '../../routing/rules.model.js';
import { Message } from '../../tickets/message.model.js';
import { Ticket } from '../../tickets/model.js';
import { SYSTEM } from '../../tickets/timeline.js';
import { User, type UserDoc } from '../../users/model.js';
import { WidgetKey } from './model.js';
import { setWebchatSettings, webchatSettings } from './settings.js';

const ORIGIN = 'https://shop.example';
let app: TestApp;
let group: ExpertGroupDoc;
let expert: Awaited<ReturnType<typeof makeExpert>>;

beforeAll(async () => {
  app = await startTestApp();
  group = await makeGroup({ topics: ['technical'], isDefault: true });
  const closed = await makeGroup({
    topics: ['night'],
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      weekly: [] as never,
      holidays: [],
    },
  });
  await RoutingRule.create({
    kind: 'entry-point',
    entryKind: 'webchat-topic',
    value: 'night',
    group: closed._id,
    order: 1,
  });
  expert = await makeExpert([group], { online: true, maxConcurrent: 50 });
  await WidgetKey.create({ key: 'shop', name: 'Shop', allowedOrigins: [ORIGIN] });
});
afterAll(() => app.close());

const sockets: Socket[] = [];
function visitor(auth: Record<string, unknown>, origin = ORIGIN): Socket {
  const s = connect(`${app.url}/visitor`, {
    transports: ['websocket'],
    extraHeaders: { origin },
    auth,
    forceNew: true,
    reconnection: false,
  });
  sockets.push(s);
  return s;
}
afterAll(() => sockets.forEach((s) => s.disconnect()));

/** A staff socket signed in with this session cookie, connected. */
async function staffSocket(cookie: string): Promise<Socket> {
  const s = connect(`${app.url}/staff`, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    forceNew: true,
  });
  sockets.push(s);
  await next(s, 'connect');
  return s;
}

const next = <T>(s: Socket, event: string) =>
  new Promise<T>((resolve) => s.once(event, (p: T) => resolve(p)));
const refused = (s: Socket) =>
  new Promise<string>((resolve, reject) => {
    s.once('connect_error', (e) => resolve(e.message));
    s.once('connect', () => reject(new Error('connected')));
  });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (s: Socket, event: string, payload: unknown): Promise<any> =>
  s.timeout(10_000).emitWithAck(event, payload);

async function startedVisitor(token?: string) {
  const s = visitor({ key: 'shop', ...(token ? { token } : {}) });
  const session = await next<VisitorSession>(s, 'session');
  return { s, session };
}

async function chatting() {
  const v = await startedVisitor();
  const start = await call(v.s, 'chat:start', {
    name: 'Sara',
    phone: `0912${Math.floor(1_000_000 + Math.random() * 8_999_999)}`,
    topic: 'technical',
  });
  expect(start).toMatchObject({ ok: true, data: { online: true } });
  return { ...v, ticketId: start.data.chat.ticketId as string };
}

describe('web chat visitor namespace', () => {
  it('refuses a wrong key or an origin not allowed for the key', async () => {
    expect(await refused(visitor({ key: 'nope' }))).toBe('widget_key_refused');
    expect(await refused(visitor({ key: 'shop' }, 'https://evil.example'))).toBe(
      'widget_key_refused',
    );
    const { session } = await startedVisitor();
    expect(session.token).toMatch(/^v1\./);
  });

  it('persists a message before acking it and stores a duplicate client id once', async () => {
    const { s, ticketId } = await chatting();
    const first = await call(s, 'message:send', {
      clientId: 'c1',
      text: 'سلام، دستگاه روشن نمی‌شود',
    });
    expect(first).toMatchObject({ ok: true, data: { clientId: 'c1', from: 'visitor', ticketId } });
    expect(await Message.countDocuments({ _id: first.data.id })).toBe(1);
    const again = await call(s, 'message:send', {
      clientId: 'c1',
      text: 'سلام، دستگاه روشن نمی‌شود',
    });
    expect(again.data.id).toBe(first.data.id);
    expect(await Message.countDocuments({ ticket: ticketId, direction: 'in' })).toBe(1);
    const t = await Ticket.findById(ticketId).lean();
    expect(t).toMatchObject({
      channel: 'webchat',
      entryPoint: { kind: 'webchat-topic', value: 'technical' },
    });
  });

  it('refuses an oversize message with a clear error', async () => {
    const { s } = await chatting();
    const max = webchatSettings().maxMessageChars;
    const res = await call(s, 'message:send', { clientId: 'big', text: 'x'.repeat(max + 1) });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'message_too_long',
        message: `The message has ${max + 1} characters; the limit is ${max}`,
      },
    });
  });

  it('after a reconnect with the token, history:since returns exactly the missed messages', async () => {
    const { s, session, ticketId } = await chatting();
    const m1 = await call(s, 'message:send', { clientId: 'a1', text: 'one' });
    s.disconnect();
    const writer = await startedVisitor(session.token);
    expect(writer.session.visitorId).toBe(session.visitorId);
    expect(writer.session.chat?.ticketId).toBe(ticketId);
    await call(writer.s, 'message:send', { clientId: 'a2', text: 'two' });
    await call(writer.s, 'message:send', { clientId: 'a3', text: 'three' });
    const { s: back } = await startedVisitor(session.token);
    const res = await call(back, 'history:since', { afterMessageId: m1.data.id });
    expect(res.ok).toBe(true);
    expect(res.data.messages.map((m: { text: string }) => m.text)).toEqual(['two', 'three']);
    expect(Object.keys(res.data.messages[0]).sort()).toEqual(
      [
        'attachments',
        'authorName',
        'clientId',
        'createdAt',
        'from',
        'id',
        'text',
        'ticketId',
      ].sort(),
    );
  });

  it("refuses another visitor's ticket id with an error and no data", async () => {
    const victim = await chatting();
    await call(victim.s, 'message:send', { clientId: 'secret', text: 'my address is ...' });
    const { s } = await startedVisitor();
    for (const [event, payload] of [
      ['history:since', { ticketId: victim.ticketId }],
      ['message:send', { ticketId: victim.ticketId, clientId: 'x', text: 'hi' }],
      ['chat:rate', { ticketId: victim.ticketId, score: 1 }],
    ] as const) {
      const res = await call(s, event, payload);
      expect(res).toEqual({ ok: false, error: { code: 'not_found', message: 'Chat not found' } });
    }
    expect(await Message.countDocuments({ ticket: victim.ticketId })).toBe(1);
  });

  it("delivers an expert's reply from the console to the visitor's socket", async () => {
    const { s, ticketId } = await chatting();
    const expertSession = await signIn(app, expert);
    const arrived = next<{ text: string; from: string; authorName: string }>(s, 'message:new');
    const res = await expertSession.agent
      .post(`/api/tickets/${ticketId}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'Please check the fuse', channel: 'webchat' });
    expect(res.status).toBe(201);
    expect(res.body.deliveryStatus).toBe('delivered');
    expect(await arrived).toMatchObject({ text: 'Please check the fuse', from: 'expert' });
    const rated = await call(s, 'chat:rate', { score: 5, comment: 'great' });
    expect(rated.ok).toBe(true);
    expect((await Ticket.findById(ticketId).lean())!.satisfaction).toMatchObject({ score: 5 });
  });

  it('offline: a closed group answers online:false; offline message and callback make tickets', async () => {
    const { s } = await startedVisitor();
    const start = await call(s, 'chat:start', {
      name: 'Ali',
      email: 'ali@example.com',
      topic: 'night',
    });
    expect(start).toEqual({ ok: true, data: { online: false, reason: 'closed' } });
    const offline = await call(s, 'offline:message', {
      name: 'Ali',
      email: 'ali@example.com',
      topic: 'night',
      text: 'My heater leaks',
    });
    expect(offline.ok).toBe(true);
    const t1 = await Ticket.findById(offline.data.ticketId).lean();
    expect(t1).toMatchObject({ channel: 'webchat', group: expect.anything() });
    expect(await Interaction.countDocuments({ ticket: t1!._id, outcome: 'offline-message' })).toBe(
      1,
    );
    const cb = await call(s, 'callback:request', {
      name: 'Ali',
      phone: '0912 345 6789',
      topic: 'night',
      windowStart: '2030-01-01T09:00:00+03:30',
      windowEnd: '2030-01-01T12:00:00+03:30',
    });
    expect(cb.ok).toBe(true);
    const t2 = await Ticket.findById(cb.data.ticketId).lean();
    expect(t2).toMatchObject({ type: 'callback', channel: 'webchat' });
    const callback = await Callback.findOne({ ticket: t2!._id }).lean();
    expect(callback).toMatchObject({ phone: '+989123456789', source: 'widget', status: 'waiting' });
  });

  it('rate-limits messages per visitor with rate_limited', async () => {
    const before = webchatSettings();
    setWebchatSettings({ messagesPerMinutePerVisitor: 2 });
    try {
      const { s } = await chatting();
      expect((await call(s, 'message:send', { clientId: 'r1', text: '1' })).ok).toBe(true);
      expect((await call(s, 'message:send', { clientId: 'r2', text: '2' })).ok).toBe(true);
      const res = await call(s, 'message:send', { clientId: 'r3', text: '3' });
      expect(res).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(res.error.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      setWebchatSettings(before);
    }
  });
});

describe('queue position, assignment and typing', () => {
  it('pushes the queue position while waiting, then the expert name when assigned', async () => {
    const busy = await makeGroup({ topics: ['busy'] });
    await RoutingRule.create({
      kind: 'entry-point',
      entryKind: 'webchat-topic',
      value: 'busy',
      group: busy._id,
    });
    const full = await makeExpert([busy], { online: true, maxConcurrent: 0 });
    const before = webchatSettings();
    setWebchatSettings({ queuePushMs: 150 });
    try {
      const { s } = await startedVisitor();
      const position = next<{ position: number }>(s, 'queue:position');
      const start = await call(s, 'chat:start', {
        name: 'Reza',
        email: 'r@example.com',
        topic: 'busy',
      });
      expect(start.data).toMatchObject({
        online: true,
        chat: { status: 'waiting' },
        queue: { position: 1 },
      });
      expect((await position).position).toBe(1);
      await User.updateOne({ _id: full._id }, { $set: { maxConcurrent: 3 } });
      await syncExpertIndex((await User.findById(full._id).lean<UserDoc>())!);
      const assigned = next<{ expertName: string }>(s, 'chat:assigned');
      await assignToExpert(start.data.chat.ticketId, String(full._id), SYSTEM);
      expect((await assigned).expertName).toBe(full.displayName);
    } finally {
      setWebchatSettings(before);
    }
  });

  it('tells the visitor of a transfer at once, not on the queue schedule', async () => {
    const before = webchatSettings();
    setWebchatSettings({ queuePushMs: 3_600_000 });
    try {
      const { s, ticketId } = await chatting();
      expect((await Ticket.findById(ticketId).lean())?.assignee?.toString()).toBe(
        String(expert._id),
      );
      const colleague = await makeExpert([group], { online: true, maxConcurrent: 5 });
      const supervisor = await signIn(app, await makeUser({ roles: ['supervisor'] }));
      const assigned = next<{ ticketId: string; expertName: string }>(s, 'chat:assigned');
      await supervisor.agent
        .post(`/api/tickets/${ticketId}/transfer`)
        .set('X-CSRF-Token', supervisor.csrf)
        .send({ expertId: String(colleague._id), note: 'tractor hydraulics' })
        .expect(200);
      expect(await assigned).toEqual({ ticketId, expertName: colleague.displayName });

      // To a group with nobody online: the visitor waits again and hears the queue position.
      const unstaffed = await makeGroup();
      const position = next<{ ticketId: string; position: number }>(s, 'queue:position');
      await supervisor.agent
        .post(`/api/tickets/${ticketId}/transfer`)
        .set('X-CSRF-Token', supervisor.csrf)
        .send({ groupId: String(unstaffed._id) })
        .expect(200);
      expect(await position).toMatchObject({ ticketId, position: 1 });
    } finally {
      setWebchatSettings(before);
    }
  });

  it('relays typing both ways; staff typing is authorised by the ticket policy', async () => {
    const { s, ticketId } = await chatting();
    const { cookie } = await signIn(app, expert);
    const staff = await staffSocket(cookie);
    const seenByVisitor = next<{ typing: boolean; name: string }>(s, 'typing');
    const ack = await call(staff, 'ticket:typing', { ticketId, typing: true });
    expect(ack).toEqual({ ok: true, data: { visitors: 1 } });
    expect(await seenByVisitor).toMatchObject({ typing: true, name: expert.displayName });
    const seenByStaff = next<{ ticketId: string }>(staff, 'visitor:typing');
    expect((await call(s, 'typing', { typing: true })).ok).toBe(true);
    expect((await seenByStaff).ticketId).toBe(ticketId);

    const outsider = await makeExpert([await makeGroup()]);
    const other = await staffSocket((await signIn(app, outsider)).cookie);
    expect(await call(other, 'ticket:typing', { ticketId, typing: true })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Ticket not found' },
    });
  });
});

describe('visitor presence for the staff', () => {
  it('answers whether the visitor is there, and says when they leave and come back', async () => {
    const before = webchatSettings();
    setWebchatSettings({ abandonGraceMs: 200 });
    try {
      const { s, session, ticketId } = await chatting();
      const { cookie } = await signIn(app, expert);
      const staff = await staffSocket(cookie);
      expect(await call(staff, 'ticket:visitor-presence', { ticketId })).toEqual({
        ok: true,
        data: { online: true },
      });

      const left = next<{ ticketId: string; online: boolean }>(staff, 'visitor:presence');
      s.disconnect();
      expect(await left).toEqual({ ticketId, online: false });
      expect((await call(staff, 'ticket:visitor-presence', { ticketId })).data).toEqual({
        online: false,
      });

      const back = next<{ ticketId: string; online: boolean }>(staff, 'visitor:presence');
      await startedVisitor(session.token);
      expect(await back).toEqual({ ticketId, online: true });

      // Someone who may not see the ticket learns nothing, not even that it exists.
      const outsider = await makeExpert([await makeGroup()]);
      const other = await staffSocket((await signIn(app, outsider)).cookie);
      expect(await call(other, 'ticket:visitor-presence', { ticketId })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await call(other, 'ticket:visitor-presence', { ticketId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    } finally {
      setWebchatSettings(before);
    }
  });
});

describe('widget keys (admin API)', () => {
  it('lets admins create, change and delete keys; origins are normalised', async () => {
    // Experts may not manage keys.
    const probe = await (await signIn(app, expert)).agent.get('/api/widget-keys');
    expect(probe.status).toBe(403);
    const admin = await signIn(app, await makeUser({ roles: ['admin'] }));
    const created = await admin.agent
      .post('/api/widget-keys')
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: 'Dealer site', allowedOrigins: ['https://Dealer.example/'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      allowedOrigins: ['https://dealer.example'],
      active: true,
    });
    const patched = await admin.agent
      .patch(`/api/widget-keys/${created.body.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ active: false });
    expect(patched.body.active).toBe(false);
    expect(await refused(visitor({ key: created.body.key }, 'https://dealer.example'))).toBe(
      'widget_key_refused',
    );
    const expertApi = await signIn(app, expert);
    expect((await expertApi.agent.get('/api/widget-keys')).status).toBe(403);
    await admin.agent
      .delete(`/api/widget-keys/${created.body.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
  });
});
