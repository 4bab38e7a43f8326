/**
 * Routing benchmark (issue: "The one ticket queue"): 10,000 waiting tickets in 10 groups,
 * 200 experts coming online and resolving in random order, two real server processes assigning.
 *
 *   npx tsx bench/routing/run.ts [--tickets 10000] [--experts 200] [--groups 10] [--resolves 3000] [--seconds 120]
 *
 * Prints assignments per second, p50/p99 from "capacity freed" (the resolve request sent) to
 * "ticket assigned" (the supervisor socket's ticket:assigned event), double assignments,
 * over-capacity and the spread of open tickets per group at the end.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TicketSummary } from '@cc/shared';
import mongoose from 'mongoose';
import { io as connect } from 'socket.io-client';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { ensureServices } from '../../server/src/core/services.js';
import { Contact } from '../../server/src/contacts/model.js';
import { ExpertGroup } from '../../server/src/expert-groups/model.js';
import { reconcileRoutingIndex } from '../../server/src/routing/routing-index.js';
import { Ticket, type TicketDoc } from '../../server/src/tickets/model.js';
import { User } from '../../server/src/users/model.js';
import { hashPassword } from '../../server/src/users/password.js';
import { MAIN, arg, pct, spawnHttpProcess } from '../lib.js';

const TICKETS = arg('tickets', 10_000);
const EXPERTS = arg('experts', 200);
const GROUPS = arg('groups', 10);
const RESOLVES = arg('resolves', 3000);
const SECONDS = arg('seconds', 120);
const CAPACITY = 5;
const CONCURRENCY = 24;
const PASSWORD = 'bench password 1';

const shuffle = <T>(xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function login(url: string, email: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const body = (await res.json()) as { csrfToken: string };
  return { url, cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

type Session = Awaited<ReturnType<typeof login>>;
let busyRetries = 0;
/** One API call; 409 busy (a lock not had in time) and 503 storage_busy are retried, as the console would. */
const call = async (s: Session, method: string, p: string, body: object): Promise<void> => {
  const res = await fetch(`${s.url}${p}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify(body),
  });
  const retry =
    res.status === 503 ||
    (res.status === 409 &&
      ((await res.clone().json()) as { error: { code: string } }).error.code === 'busy');
  if (retry) {
    busyRetries += 1;
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    return call(s, method, p, body);
  }
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
};

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
  const services = await ensureServices({
    dataDir,
    mongoPort: 0,
    mongoUri: process.env.MONGODB_URI || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
  });
  const id = randomBytes(3).toString('hex');
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: `bench_${id}`,
    REDIS_PREFIX: `bench_${id}`,
    DATA_DIR: dataDir,
    LOGIN_MAX_FAILS_PER_IP: '100000',
  };
  process.env.LOG_LEVEL = 'warn';
  const runtime = await bootstrap(env);
  const servers: ChildProcess[] = [];
  try {
    console.log(
      `seeding ${GROUPS} groups, ${EXPERTS} experts (capacity ${CAPACITY}), ${TICKETS} waiting tickets...`,
    );
    const groups = await ExpertGroup.insertMany(
      Array.from({ length: GROUPS }, (_, i) => ({
        slug: `bench-${i}`,
        name: { fa: `گروه ${i}`, en: `Group ${i}` },
        defaultMaxConcurrent: CAPACITY,
      })),
    );
    const passwordHash = await hashPassword(PASSWORD);
    const experts = await User.insertMany(
      Array.from({ length: EXPERTS }, (_, i) => ({
        email: `e${i}@bench.test`,
        passwordHash,
        displayName: `Expert ${i}`,
        roles: ['expert'],
        groups: [groups[i % GROUPS]!._id],
      })),
    );
    await User.create({
      email: 'sup@bench.test',
      passwordHash,
      displayName: 'Supervisor',
      roles: ['supervisor'],
    });
    const contact = await Contact.create({ name: 'Bench customer' });
    const start = Date.now() - TICKETS * 1000;
    for (let i = 0; i < TICKETS; i += 1000) {
      await Ticket.insertMany(
        Array.from({ length: Math.min(1000, TICKETS - i) }, (_, k) => ({
          number: 100_000 + i + k,
          channel: 'sms',
          contact: contact._id,
          group: groups[(i + k) % GROUPS]!._id,
          status: 'queued',
          queuedAt: new Date(start + (i + k) * 1000),
          priorityRank: 1,
          timeline: [],
        })),
      );
    }
    await reconcileRoutingIndex();

    const [a, b] = await Promise.all([
      spawnHttpProcess([MAIN, 'server'], env),
      spawnHttpProcess([MAIN, 'server'], env),
    ]);
    servers.push(a.child, b.child);
    const supervisor = await login(a.url, 'sup@bench.test');
    const socket = connect(`${b.url}/staff`, {
      transports: ['websocket'],
      extraHeaders: { cookie: supervisor.cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });

    const open = new Map<string, Set<string>>(
      experts.map((e) => [String(e._id), new Set<string>()]),
    );
    const assignCount = new Map<string, number>();
    let maxOpen = 0;
    let assignments = 0;
    const waiters = new Map<string, Array<(at: number) => void>>();
    socket.on('ticket:assigned', (t: TicketSummary) => {
      const at = performance.now();
      assignments += 1;
      assignCount.set(t.id, (assignCount.get(t.id) ?? 0) + 1);
      const mine = open.get(t.assignee!)!;
      mine.add(t.id);
      maxOpen = Math.max(maxOpen, mine.size);
      waiters.get(t.assignee!)?.shift()?.(at);
    });
    socket.on('ticket:updated', (t: TicketSummary) => {
      if (t.status === 'resolved' && t.assignee) open.get(t.assignee)?.delete(t.id);
    });

    const sessions = new Map<string, Session>();
    await pool(experts, CONCURRENCY, async (e) => {
      const i = experts.indexOf(e);
      sessions.set(String(e._id), await login(i % 2 ? b.url : a.url, e.email));
    });

    console.log('phase 1: every expert comes online, in random order');
    let t0 = performance.now();
    await pool(shuffle([...experts]), CONCURRENCY, (e) =>
      call(sessions.get(String(e._id))!, 'PUT', '/api/users/me/presence', { status: 'online' }),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const phase1 = { assignments, seconds: (performance.now() - t0 - 1000) / 1000 };

    console.log(`phase 2: ${RESOLVES} resolutions in random order (at most ${SECONDS} s)`);
    const latencies: number[] = [];
    const before = assignments;
    t0 = performance.now();
    const deadline = t0 + SECONDS * 1000;
    let resolved = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (resolved < RESOLVES && performance.now() < deadline) {
          const candidates = [...open.entries()].filter(([, s]) => s.size > 0);
          if (!candidates.length) break;
          const [expertId, tickets] = candidates[Math.floor(Math.random() * candidates.length)]!;
          const ticketId = [...tickets][Math.floor(Math.random() * tickets.size)]!;
          tickets.delete(ticketId);
          resolved += 1;
          const sent = performance.now();
          const assigned = new Promise<number>((resolve) => {
            const list = waiters.get(expertId) ?? [];
            list.push(resolve);
            waiters.set(expertId, list);
          });
          await call(sessions.get(expertId)!, 'PATCH', `/api/tickets/${ticketId}`, {
            status: 'resolved',
          });
          const at = await Promise.race([
            assigned,
            new Promise<null>((r) => setTimeout(() => r(null), 5000)),
          ]);
          if (at !== null) latencies.push(at - sent);
        }
      }),
    );
    const phase2Seconds = (performance.now() - t0) / 1000;
    const phase2Assignments = assignments - before;
    await new Promise((r) => setTimeout(r, 1000));

    const all = await Ticket.find({}, { timeline: 1, status: 1, assignee: 1, group: 1 }).lean<
      TicketDoc[]
    >();
    const doubles = all.filter(
      (t) => t.timeline.filter((e) => e.event === 'assigned').length > 1,
    ).length;
    const openNow = new Map<string, number>();
    for (const t of all)
      if (t.status === 'assigned')
        openNow.set(String(t.assignee), (openNow.get(String(t.assignee)) ?? 0) + 1);
    const stored = await User.find({ roles: 'expert' }, { activeCount: 1, groups: 1 }).lean();
    const overCapacity = stored.filter(
      (u) => (openNow.get(String(u._id)) ?? 0) > CAPACITY || u.activeCount > CAPACITY,
    ).length;
    const spreads = groups.map((g) => {
      const counts = stored
        .filter((u) => String(u.groups[0]) === String(g._id))
        .map((u) => openNow.get(String(u._id)) ?? 0);
      return Math.max(...counts) - Math.min(...counts);
    });
    const waitingLeft = all.filter((t) => t.status === 'queued').length;

    // The floor: the least durable work an assignment needs (read and write the ticket and the
    // expert by _id), done as fast as this database allows, with the same concurrency.
    console.log('floor: bare reads and writes by _id, 10 s');
    const sample = all.slice(0, 2000).map((t) => t._id);
    let bare = 0;
    const floorEnd = performance.now() + 10_000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = w; performance.now() < floorEnd; i += CONCURRENCY) {
          const ticketId = sample[i % sample.length]!;
          const expertId = experts[i % experts.length]!._id;
          await Ticket.findById(ticketId).lean();
          await Ticket.updateOne({ _id: ticketId }, { $set: { faultCode: `F${i}` } });
          await User.findById(expertId).lean();
          await User.updateOne({ _id: expertId }, { $set: { skills: [`s${i}`] } });
          bare += 1;
        }
      }),
    );
    const bareRate = bare / 10;

    console.log('\nresults');
    console.log(
      `  phase 1 (online)  : ${phase1.assignments} assignments in ${phase1.seconds.toFixed(1)} s = ${(phase1.assignments / phase1.seconds).toFixed(0)} assignments/s`,
    );
    console.log(
      `  phase 2 (resolve) : ${phase2Assignments} assignments in ${phase2Seconds.toFixed(1)} s = ${(phase2Assignments / phase2Seconds).toFixed(0)} assignments/s (${resolved} resolutions)`,
    );
    console.log(
      `  floor (bare)      : ${bareRate.toFixed(0)} bare assignments/s (2 reads + 2 writes by _id, one process, ${CONCURRENCY} concurrent)`,
    );
    console.log(
      `  freed -> assigned : p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms (${latencies.length} samples)`,
    );
    console.log(
      `  double assignments: ${doubles}   (duplicate ticket:assigned events: ${[...assignCount.values()].filter((n) => n > 1).length})`,
    );
    console.log(
      `  over capacity     : ${overCapacity} experts at the end; max open seen live: ${maxOpen} (capacity ${CAPACITY})`,
    );
    console.log(
      `  busy retries      : ${busyRetries} requests answered 409 busy or 503 storage_busy and were sent again`,
    );
    console.log(
      `  spread per group  : max - min open tickets = ${Math.max(...spreads)} (worst group), waiting left ${waitingLeft}`,
    );
    socket.disconnect();
  } finally {
    await Promise.all(
      servers.map(
        (c) =>
          new Promise<void>((resolve) =>
            c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM')),
          ),
      ),
    );
    await mongoose.connection.db?.dropDatabase();
    await runtime.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
