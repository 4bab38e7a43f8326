import type { QueueSnapshot, TicketSummary } from '@cc/shared';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testEnv, type TestApp } from '../../test/app.js';
import { makeContact, makeExpert, makeGroup } from '../../test/factories.js';
import { spawnRole, type HubProcess } from '../../test/processes.js';
import { makeUser } from '../../test/app.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { User, type UserDoc } from '../users/model.js';

/**
 * Two real server processes and a worker over one database and one Redis: routing stays exact
 * (each ticket assigned once, no expert over capacity) and events reach every process's sockets.
 */
let app: TestApp;
let servers: HubProcess[] = [];
let worker: HubProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  const env = testEnv();
  app = await startTestApp({}, env);
  servers = await Promise.all([spawnRole('server', env), spawnRole('server', env)]);
  worker = await spawnRole('worker', env);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all([...servers, worker].map((p) => p.stop()));
  await app.close();
});

async function login(url: string, user: { email: string; password: string }) {
  const res = await request(url)
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password });
  expect(res.status, `login ${user.email}: ${JSON.stringify(res.body)}`).toBe(200);
  return {
    cookie: (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!,
    csrf: res.body.csrfToken as string,
  };
}

/** Runs tasks with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

describe('several processes', () => {
  it('assigns 200 tickets exactly once with 20 experts freeing capacity at once, none over capacity', async () => {
    const CAPACITY = 3;
    const group = await makeGroup({ defaultMaxConcurrent: CAPACITY });
    const experts = await Promise.all(Array.from({ length: 20 }, () => makeExpert([group])));
    const supervisor = await makeUser({ roles: ['supervisor'] });
    const sessions = await Promise.all(servers.map((s) => login(s.url, supervisor)));
    const contacts = await Promise.all(Array.from({ length: 40 }, () => makeContact()));

    await pool([...Array(200).keys()], 20, async (i) => {
      const s = i % 2;
      const res = await request(servers[s]!.url)
        .post('/api/tickets')
        .set('Cookie', sessions[s]!.cookie)
        .set('X-CSRF-Token', sessions[s]!.csrf)
        .send({
          contactId: String(contacts[i % 40]!._id),
          subject: `issue ${i}`,
          groupId: String(group._id),
        });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });
    expect(await Ticket.countDocuments({ group: group._id, status: 'queued' })).toBe(200);

    // All experts come online at once, half through each server.
    await Promise.all(
      experts.map((e, i) =>
        request(servers[i % 2]!.url)
          .put(`/api/users/${e._id}/presence`)
          .set('Cookie', sessions[i % 2]!.cookie)
          .set('X-CSRF-Token', sessions[i % 2]!.csrf)
          .send({ status: 'online' })
          .expect(200),
      ),
    );

    const expertSessions = await Promise.all(experts.map((e, i) => login(servers[i % 2]!.url, e)));
    for (let round = 0; round < 200; round++) {
      const open = await Ticket.find({ group: group._id, status: 'assigned' }).lean<TicketDoc[]>();
      const perExpert = new Map<string, number>();
      for (const t of open)
        perExpert.set(String(t.assignee), (perExpert.get(String(t.assignee)) ?? 0) + 1);
      expect(Math.max(0, ...perExpert.values())).toBeLessThanOrEqual(CAPACITY);
      if (!open.length) break;
      // Every expert resolves what they hold, all at once, through alternating servers.
      await pool(open, 30, async (t, i) => {
        const idx = experts.findIndex((e) => String(e._id) === String(t.assignee));
        const s = (idx + i) % 2;
        const session = await (s === idx % 2
          ? expertSessions[idx]!
          : login(servers[s]!.url, experts[idx]!));
        const res = await request(servers[s]!.url)
          .patch(`/api/tickets/${t._id}`)
          .set('Cookie', session.cookie)
          .set('X-CSRF-Token', session.csrf)
          .send({ status: 'resolved' });
        expect(res.status).toBe(200);
      });
    }

    const tickets = await Ticket.find({ group: group._id }).lean<TicketDoc[]>();
    expect(tickets).toHaveLength(200);
    expect(tickets.every((t) => t.status === 'resolved')).toBe(true);
    for (const t of tickets)
      expect(t.timeline.filter((e) => e.event === 'assigned')).toHaveLength(1);
    const finalExperts = await User.find({ _id: { $in: experts.map((e) => e._id) } }).lean<
      UserDoc[]
    >();
    expect(finalExperts.map((e) => e.activeCount)).toEqual(Array(20).fill(0));
    // Everybody got work: the spread of handled tickets is narrow.
    const handled = experts.map(
      (e) => tickets.filter((t) => String(t.assignee) === String(e._id)).length,
    );
    expect(Math.min(...handled)).toBeGreaterThan(0);
  }, 300_000);

  it('pushes a ticket created on one process to the right experts on another, and no one else', async () => {
    const [a, b] = servers as [HubProcess, HubProcess];
    const mine = await makeGroup();
    const other = await makeGroup();
    const expert = await makeUser({ roles: ['expert'], groups: [mine._id] });
    const outsider = await makeUser({ roles: ['expert'], groups: [other._id] });
    const supervisor = await makeUser({ roles: ['supervisor'] });

    const connectAs = async (url: string, user: { email: string; password: string }) => {
      const { cookie } = await login(url, user);
      const socket = connect(`${url}/staff`, {
        transports: ['websocket'],
        extraHeaders: { cookie },
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    };
    const expertSocket = await connectAs(a.url, expert);
    const outsiderSocket = await connectAs(a.url, outsider);
    const received: { expert: TicketSummary[]; outsider: TicketSummary[] } = {
      expert: [],
      outsider: [],
    };
    expertSocket.on('ticket:created', (t: TicketSummary) => received.expert.push(t));
    outsiderSocket.on('ticket:created', (t: TicketSummary) => received.outsider.push(t));
    const queueEvents: QueueSnapshot[] = [];
    expertSocket.on('queue:changed', (q: QueueSnapshot) => queueEvents.push(q));

    const session = await login(b.url, supervisor);
    const create = (groupId: string, subject: string) =>
      request(b.url)
        .post('/api/tickets')
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrf)
        .send({ contactId: String(contactId), subject, groupId })
        .expect(201);
    const contactId = (await makeContact())._id;
    const mineTicket = await create(String(mine._id), 'for my group');
    const otherTicket = await create(String(other._id), 'for the other group');

    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until(
      () => received.expert.length > 0 && received.outsider.length > 0 && queueEvents.length > 0,
    );
    expect(received.expert.map((t) => t.id)).toEqual([mineTicket.body.id]);
    expect(received.outsider.map((t) => t.id)).toEqual([otherTicket.body.id]);
    expect(queueEvents.some((q) => q.group === String(mine._id) && q.waiting === 1)).toBe(true);

    // A forged or foreign ticket id in a socket event answers an error, never data.
    const ask = (payload: unknown) =>
      new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
        expertSocket.emit('ticket:get', payload, resolve),
      );
    expect(await ask({ ticketId: otherTicket.body.id })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Ticket not found' },
    });
    expect((await ask({ ticketId: 'not-an-id' })).error?.code).toBe('validation_failed');
    expect(await ask({ ticketId: mineTicket.body.id })).toMatchObject({
      ok: true,
      data: { id: mineTicket.body.id },
    });
  });

  it('refuses a staff socket without a valid session', async () => {
    const socket = connect(`${servers[0]!.url}/staff`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthorized');
  });
});
