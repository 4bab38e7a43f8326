import { createServer, type Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { VisitorSession } from '@cc/shared';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type SignedIn, type TestApp } from '../../../test/app.js';
import { makeExpert, makeGroup } from '../../../test/factories.js';
import { Attachment } from '../../attachments/model.js';
import { Interaction } from '../../interactions/model.js';
import { Product, Unit } from '../../products/model.js';
import { RoutingRule } from '../../routing/rules.model.js';
import { Message } from '../../tickets/message.model.js';
import { Ticket } from '../../tickets/model.js';
import { signWidgetUser } from './identity.js';
import { WebchatSession, WidgetKey } from './model.js';
import { setWebchatSettings, webchatSettings } from './settings.js';

/**
 * The widget's server side beyond the basic protocol (webchat.test.ts): chat ended on resolve,
 * abandoned in queue, read receipts, topics and serial check, signed users, client IPs behind a
 * proxy, attachments on messages, and the transcript by email (to a loopback SMTP server).
 */
const ORIGIN = 'https://store.example';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`),
    'latin1',
  )
    .toString('latin1')
    .replace(/(%[0-9A-F]{2})+/g, (run) => decodeURIComponent(run));

/** A minimal SMTP server that keeps every message it is given. */
function smtpLoopback(): Promise<{ server: NetServer; port: number; mails: string[] }> {
  const mails: string[] = [];
  const server = createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    socket.write('220 loopback ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            mails.push(decodeQuotedPrintable(data));
            data = null;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 loopback\r\n');
        else if (verb === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, mails }),
    ),
  );
}

let app: TestApp;
let smtp: Awaited<ReturnType<typeof smtpLoopback>>;
let expert: Awaited<ReturnType<typeof makeExpert>>;
let expertSession: SignedIn;

beforeAll(async () => {
  smtp = await smtpLoopback();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  const group = await makeGroup({ topics: ['repairs'], isDefault: true });
  expert = await makeExpert([group], { online: true, maxConcurrent: 50 });
  expertSession = await signIn(app, expert);
  await WidgetKey.create({ key: 'store', name: 'Store', allowedOrigins: [ORIGIN] });
  const product = await Product.create({
    code: 'HX9',
    name: { fa: 'بخاری HX9', en: 'HX9 heater' },
  });
  await Unit.create({
    serial: 'HX9-000001',
    product: product._id,
    productCode: 'HX9',
    productionDate: new Date('2015-01-01'),
    deliveryDate: new Date('2015-02-01'),
  });
});
afterAll(async () => {
  await app.close();
  smtp.server.close();
});

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

function visitor(auth: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const s = connect(`${app.url}/visitor`, {
    transports: ['websocket'],
    extraHeaders: { origin: ORIGIN, ...headers },
    auth: { key: 'store', ...auth },
    forceNew: true,
    reconnection: false,
  });
  sockets.push(s);
  return s;
}
const next = <T>(s: Socket, event: string) =>
  new Promise<T>((resolve) => s.once(event, (p: T) => resolve(p)));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (s: Socket, event: string, payload: unknown): Promise<any> =>
  s.timeout(10_000).emitWithAck(event, payload);

async function chatting(form: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const s = visitor({}, headers);
  const session = await next<VisitorSession>(s, 'session');
  const start = await call(s, 'chat:start', {
    name: 'Nima',
    email: 'nima@example.com',
    topic: 'repairs',
    ...form,
  });
  expect(start).toMatchObject({ ok: true, data: { online: true } });
  return { s, session, ticketId: start.data.chat.ticketId as string };
}

async function staffSocket(): Promise<Socket> {
  const s = connect(`${app.url}/staff`, {
    transports: ['websocket'],
    extraHeaders: { cookie: expertSession.cookie },
    forceNew: true,
  });
  sockets.push(s);
  await next(s, 'connect');
  return s;
}

describe('web chat: what the widget needs from the server', () => {
  it('lists the public topics and checks serial numbers without owner details', async () => {
    const s = visitor();
    await next(s, 'session');
    expect(await call(s, 'topics:list', {})).toEqual({ ok: true, data: { topics: ['repairs'] } });
    const found = await call(s, 'serial:check', { serial: 'hx9-000001' });
    expect(found).toEqual({
      ok: true,
      data: {
        found: true,
        serial: 'HX9-000001',
        model: { code: 'HX9', name: { fa: 'بخاری HX9', en: 'HX9 heater' } },
        coverage: expect.objectContaining({ state: 'out-of-warranty' }),
      },
    });
    expect(await call(s, 'serial:check', { serial: 'HX9-999999' })).toEqual({
      ok: true,
      data: { found: false },
    });
    expect((await call(s, 'serial:check', { serial: '' })).error.code).toBe('validation_failed');
  });

  it('pushes "chat ended" when the expert resolves; the session interaction is answered', async () => {
    const { s, ticketId } = await chatting();
    expect((await call(s, 'message:send', { clientId: 'c1', text: 'hello' })).ok).toBe(true);
    await expertSession.agent
      .post(`/api/tickets/${ticketId}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'Fixed remotely', channel: 'webchat' })
      .expect(201);
    const ended = next<{ ticketId: string }>(s, 'chat:ended');
    await expertSession.agent
      .patch(`/api/tickets/${ticketId}`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ status: 'resolved' })
      .expect(200);
    expect(await ended).toEqual({ ticketId });
    const session = await WebchatSession.findOne({ ticket: ticketId }).lean();
    expect(session?.endedAt).toBeTruthy();
    expect(await Interaction.findOne({ externalId: session!.interactionId }).lean()).toMatchObject({
      outcome: 'answered',
    });
    const sent = await call(s, 'message:send', { ticketId, clientId: 'c2', text: 'again' });
    expect(sent.error.code).toBe('chat_ended');
  });

  it('a waiting visitor who leaves abandons the queue; one who reloads does not', async () => {
    const busy = await makeGroup({ topics: ['busy-desk'] });
    await makeExpert([busy], { online: true, maxConcurrent: 0 });
    await RoutingRule.create({
      kind: 'entry-point',
      entryKind: 'webchat-topic',
      value: 'busy-desk',
      group: busy._id,
    });
    const before = webchatSettings();
    setWebchatSettings({ abandonGraceMs: 300 });
    try {
      // Another tab (or the reloaded page) is connected when the first goes: the chat stays.
      const first = await chatting({ topic: 'busy-desk' });
      expect((await Ticket.findById(first.ticketId).lean())?.assignee).toBeNull();
      const again = visitor({ token: first.session.token });
      expect((await next<VisitorSession>(again, 'session')).chat?.ticketId).toBe(first.ticketId);
      first.s.disconnect();
      // Well past the grace period: the check ran and found the other tab.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await WebchatSession.findOne({ ticket: first.ticketId }).lean())?.endedAt).toBeNull();

      // Gone for good: abandoned, with the outcome in the contact log.
      again.disconnect();
      const session = await WebchatSession.findOne({ ticket: first.ticketId }).lean();
      await expect
        .poll(
          async () =>
            (await Interaction.findOne({ externalId: session!.interactionId }).lean())?.outcome,
        )
        .toBe('abandoned');
      expect(
        (await WebchatSession.findOne({ ticket: first.ticketId }).lean())?.endedAt,
      ).toBeTruthy();
      const ticket = await Ticket.findById(first.ticketId).lean();
      expect(ticket?.timeline.some((e) => e.event === 'chat-abandoned')).toBe(true);
    } finally {
      setWebchatSettings(before);
    }
  });

  it('read receipts both ways; a message of another chat is refused', async () => {
    const { s, ticketId } = await chatting();
    const staff = await staffSocket();
    const mine = await call(s, 'message:send', { clientId: 'r1', text: 'is it covered?' });
    const staffSaw = next<{ ticketId: string; messageId: string }>(s, 'message:read');
    expect(await call(staff, 'ticket:read', { ticketId, messageId: mine.data.id })).toEqual({
      ok: true,
      data: { visitors: 1 },
    });
    expect(await staffSaw).toEqual({ ticketId, messageId: mine.data.id });

    const reply = await expertSession.agent
      .post(`/api/tickets/${ticketId}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'Yes it is', channel: 'webchat' })
      .expect(201);
    const visitorSaw = next<{ ticketId: string; messageId: string }>(staff, 'visitor:read');
    expect(await call(s, 'message:read', { messageId: reply.body.id })).toEqual({
      ok: true,
      data: null,
    });
    expect(await visitorSaw).toEqual({ ticketId, messageId: reply.body.id });
    const session = await WebchatSession.findOne({ ticket: ticketId }).lean();
    expect(String(session?.visitorReadUpTo)).toBe(reply.body.id);
    expect(String(session?.staffReadUpTo)).toBe(mine.data.id);

    const other = await chatting();
    const foreign = await call(other.s, 'message:read', { messageId: reply.body.id });
    expect(foreign).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Message not found' },
    });
  });

  it('trusts a setUser only with the right signature', async () => {
    const user = { name: 'Parisa', email: 'parisa@example.com', phone: '09120001122' };
    const signed = visitor({ user: { ...user, signature: signWidgetUser('store', user) } });
    expect((await next<VisitorSession>(signed, 'session')).verifiedUser).toEqual({
      name: 'Parisa',
      email: 'parisa@example.com',
      phone: '+989120001122',
    });
    const start = await call(signed, 'chat:start', {
      name: 'Someone else',
      email: 'other@example.com',
      topic: 'repairs',
    });
    const session = await WebchatSession.findOne({ ticket: start.data.chat.ticketId }).lean();
    expect(session).toMatchObject({
      verifiedUser: true,
      hints: { name: 'Parisa', email: 'parisa@example.com', phone: '+989120001122' },
    });

    const forged = visitor({
      user: { ...user, name: 'Mallory', signature: signWidgetUser('store', user) },
    });
    expect((await next<VisitorSession>(forged, 'session')).verifiedUser).toBeNull();
  });

  it('with TRUST_PROXY, the per-IP message limit counts the X-Forwarded-For client', async () => {
    const before = webchatSettings();
    setWebchatSettings({ messagesPerMinutePerIp: 2, messagesPerMinutePerVisitor: 100 });
    try {
      const a = await chatting({}, { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' });
      const b = await chatting({}, { 'x-forwarded-for': '198.51.100.9' });
      for (const id of ['a1', 'a2'])
        expect((await call(a.s, 'message:send', { clientId: id, text: id })).ok).toBe(true);
      const third = await call(a.s, 'message:send', { clientId: 'a3', text: 'a3' });
      expect(third.error.code).toBe('rate_limited');
      expect((await call(b.s, 'message:send', { clientId: 'b1', text: 'b1' })).ok).toBe(true);
    } finally {
      setWebchatSettings(before);
    }
  });

  it('sends uploaded photos with a message; files of other chats are refused', async () => {
    const { s, session, ticketId } = await chatting();
    const upload = await request(app.url)
      .post('/api/webchat/attachments')
      .set('Authorization', `Bearer ${session.token}`)
      .attach('file', PNG, 'leak.png');
    expect(upload.status).toBe(201);
    const sent = await call(s, 'message:send', {
      clientId: 'p1',
      text: '',
      attachments: [upload.body.id],
    });
    expect(sent.ok).toBe(true);
    expect(sent.data.attachments).toEqual([
      expect.objectContaining({ name: 'leak.png', contentType: 'image/png', dropped: false }),
    ]);
    const download = await request(app.url).get(sent.data.attachments[0].url);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('image/png');
    expect((await Attachment.findById(upload.body.id).lean())?.message).toBeTruthy();
    expect(
      await Message.countDocuments({ ticket: ticketId, 'attachments.0': { $exists: true } }),
    ).toBe(1);

    const other = await chatting();
    const stolen = await call(other.s, 'message:send', {
      clientId: 'p2',
      text: 'mine now',
      attachments: [upload.body.id],
    });
    expect(stolen.error.code).toBe('attachment_invalid');
    expect((await call(s, 'message:send', { clientId: 'p3', text: '' })).error.code).toBe(
      'validation_failed',
    );
  });

  it('emails the transcript to the pre-chat address or the one given', async () => {
    const { s, ticketId } = await chatting({ name: 'Leila', email: 'leila@example.com' });
    await call(s, 'message:send', { clientId: 't1', text: 'The heater clicks' });
    await expertSession.agent
      .post(`/api/tickets/${ticketId}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'Please send a photo', channel: 'webchat' })
      .expect(201);
    const before = smtp.mails.length;
    expect(await call(s, 'transcript:request', {})).toEqual({
      ok: true,
      data: { sent: true, to: 'leila@example.com' },
    });
    expect(smtp.mails.length).toBe(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail).toContain('To: leila@example.com');
    expect(mail).toContain('Leila: The heater clicks');
    expect(mail).toContain(`${expert.displayName}: Please send a photo`);
    const other = await call(s, 'transcript:request', { email: 'me@example.org' });
    expect(other.data.to).toBe('me@example.org');
  });
});
