/**
 * Web-chat benchmark (issue 8): 2,000 visitors and 100 experts on one server process, 300
 * visitor messages/s for 60 s, every message persisted before its ack; the same load through a
 * bare socket.io relay (bench/chat/bare-relay.ts); then the highest rate each holds with p99
 * under 100 ms; then ours on two processes behind the Redis adapter (visitors on one, experts
 * on the other).
 *
 *   npx tsx bench/chat/run.ts [--visitors 2000] [--experts 100] [--rate 300] [--seconds 60]
 *                             [--step-seconds 10] [--max-rate 12000] [--start-rate 25]
 *
 * Latency: visitor `message:send` -> the assigned expert's staff socket receives
 * `message:created` (ours) or `msg` (bare). Lost: sent but not received by the expert after a
 * 15 s drain. RSS from /proc of the server process after full garbage collections (through
 * its inspector, the same for ours and the bare relay); per idle visitor = (RSS with the
 * visitors connected - RSS before) / visitors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import { WebchatSession, WidgetKey } from '../../server/src/channels/webchat/model.js';
import { cacheCurrentSession } from '../../server/src/channels/webchat/session-cache.js';
import { issueVisitorToken } from '../../server/src/channels/webchat/token.js';
import { Contact, ContactIdentity, identityId } from '../../server/src/contacts/model.js';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { ensureServices } from '../../server/src/core/services.js';
import { ExpertGroup } from '../../server/src/expert-groups/model.js';
import { reconcileRoutingIndex } from '../../server/src/routing/routing-index.js';
import { Ticket } from '../../server/src/tickets/model.js';
import { User } from '../../server/src/users/model.js';
import { hashPassword } from '../../server/src/users/password.js';
import { MAIN, arg, inspectArgs, pct, sleep, spawnHttpProcess, steadyRssKb } from '../lib.js';

const VISITORS = arg('visitors', 2000);
const EXPERTS = arg('experts', 100);
const RATE = arg('rate', 300);
const SECONDS = arg('seconds', 60);
const STEP_SECONDS = arg('step-seconds', 10);
const MAX_RATE = arg('max-rate', 12_000);
/** Where ours starts raising the rate (×1.5 per step). */
const START_RATE = arg('start-rate', 25);
/** Only the bare relay part (quick reference figures for this machine). */
const BARE_ONLY = process.argv.includes('--bare-only');
const PASSWORD = 'bench password 1';
const ORIGIN = 'https://bench.example';
const here = path.dirname(fileURLToPath(import.meta.url));

async function spawnBare() {
  const inspect = await inspectArgs();
  const child = spawn(
    process.execPath,
    [...inspect.args, '--import', 'tsx', path.join(here, 'bare-relay.ts')],
    { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    }),
  );
  return { url: `http://127.0.0.1:${port}`, child, inspectPort: inspect.inspectPort };
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Opens sockets a batch at a time, so the handshakes do not all land in the same second. */
async function inBatches<T>(n: number, batch: number, open: (i: number) => Promise<T>) {
  const out: T[] = [];
  for (let i = 0; i < n; i += batch)
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, k) => open(i + k)))),
    );
  return out;
}

interface Load {
  sent: number;
  acked: number;
  failed: number;
  delivered: number;
  latencies: number[];
  ackLatencies: number[];
}

/**
 * Sends `rate` messages/s for `seconds` from random visitors; `send` resolves on the ack, the
 * expert side calls `received(id)`. Waits up to 15 s for stragglers.
 */
async function drive(
  rate: number,
  seconds: number,
  visitors: number,
  send: (visitor: number, id: string) => Promise<boolean>,
  pending: Map<string, number>,
): Promise<Load> {
  const load: Load = {
    sent: 0,
    acked: 0,
    failed: 0,
    delivered: 0,
    latencies: [],
    ackLatencies: [],
  };
  const started = performance.now();
  const total = Math.round(rate * seconds);
  const tag = randomBytes(3).toString('hex');
  deliveredSink = (id) => {
    const at = pending.get(id);
    if (at === undefined) return;
    pending.delete(id);
    load.delivered += 1;
    load.latencies.push(performance.now() - at);
  };
  const inFlight: Promise<void>[] = [];
  while (load.sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (load.sent < due) {
      const id = `${tag}-${load.sent}`;
      const visitor = Math.floor(Math.random() * visitors);
      const at = performance.now();
      const system = ledger.system;
      pending.set(id, at);
      load.sent += 1;
      inFlight.push(
        send(visitor, id).then((ok) => {
          if (ok) {
            ledger.acked.set(id, system);
            load.acked += 1;
            load.ackLatencies.push(performance.now() - at);
          } else load.failed += 1;
        }),
      );
    }
    await sleep(2);
  }
  await Promise.race([Promise.all(inFlight), sleep(15_000)]);
  const drainUntil = performance.now() + 15_000;
  while (load.delivered < load.acked && performance.now() < drainUntil) await sleep(50);
  return load;
}
let deliveredSink: (id: string) => void = () => undefined;
/**
 * Over the whole run, per system: ids acknowledged, and ids any expert received. A message
 * acknowledged in one step may reach the expert during the next (a backlog), so "lost" is
 * counted from these, not per step.
 */
const ledger = { system: 'ours', acked: new Map<string, string>(), delivered: new Set<string>() };
let lastReceivedAt = 0;
function received(id: string): void {
  lastReceivedAt = performance.now();
  ledger.delivered.add(id);
  deliveredSink(id);
}
/**
 * Before raising the rate: waits (up to 2 minutes) until no message has reached an expert for
 * 3 s, so a backlog left by an overloaded step is not charged to the next one.
 */
async function quiet(): Promise<void> {
  const until = performance.now() + 120_000;
  while (performance.now() - lastReceivedAt < 3000 && performance.now() < until) await sleep(200);
}
const lostOf = (system: string) =>
  [...ledger.acked].filter(([id, sys]) => sys === system && !ledger.delivered.has(id)).length;
/** Waits (up to `ms`) until everything `system` acknowledged has been received. */
async function settle(system: string, ms = 30_000): Promise<void> {
  const until = performance.now() + ms;
  while (lostOf(system) > 0 && performance.now() < until) await sleep(100);
}
const emptyLoad = (): Load => ({
  sent: 0,
  acked: 0,
  failed: 0,
  delivered: 0,
  latencies: [],
  ackLatencies: [],
});
/** Why the server refused messages (error code or timeout), printed with each report. */
const refusals = new Map<string, number>();

function report(name: string, load: Load, seconds: number) {
  const reasons = new Map(refusals);
  refusals.clear();
  const f = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(1));
  console.log(
    `${name}: sent ${load.sent} (${(load.sent / seconds).toFixed(0)}/s), acked ${load.acked}, refused ${load.failed}, delivered ${load.delivered}, not delivered by the step's end ${load.acked - load.delivered}; ` +
      `${reasons.size ? `(${[...reasons].map(([c, n]) => `${c} ${n}`).join(', ')}) ` : ''}visitor->expert p50 ${f(pct(load.latencies, 50))} ms p95 ${f(pct(load.latencies, 95))} ms p99 ${f(pct(load.latencies, 99))} ms; ack p99 ${f(pct(load.ackLatencies, 99))} ms`,
  );
}

/** Raises the rate (x1.5 per step) until p99 passes 100 ms or anything is lost. */
async function maxRate(
  name: string,
  start: number,
  run: (rate: number) => Promise<Load>,
): Promise<number> {
  let held = 0;
  for (let rate = start; rate <= MAX_RATE; rate = Math.round(rate * 1.5)) {
    const load = await run(rate);
    report(`  ${name} @ ${rate}/s`, load, STEP_SECONDS);
    const ok = load.failed === 0 && load.delivered === load.sent && pct(load.latencies, 99) <= 100;
    if (!ok) break;
    held = rate;
  }
  return held;
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-chat-'));
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
    APP_SECRET: randomBytes(32).toString('hex'),
    LOGIN_MAX_FAILS_PER_IP: '100000',
    // The load is the point here, not the per-visitor limits.
    WEBCHAT_MESSAGES_PER_MINUTE: '100000',
    WEBCHAT_MESSAGES_PER_MINUTE_PER_IP: '10000000',
    WEBCHAT_QUEUE_PUSH_MS: '600000',
  };
  process.env.LOG_LEVEL = 'warn';
  await bootstrap(env);
  const children: ChildProcess[] = [];
  const sockets: Socket[] = [];
  try {
    console.log(`seeding ${EXPERTS} experts (one group each) and ${VISITORS} assigned chats...`);
    const groups = await ExpertGroup.insertMany(
      Array.from({ length: EXPERTS }, (_, i) => ({
        slug: `chat-${i}`,
        name: { fa: `گروه ${i}`, en: `Group ${i}` },
      })),
    );
    const passwordHash = await hashPassword(PASSWORD);
    const experts = await User.insertMany(
      Array.from({ length: EXPERTS }, (_, i) => ({
        email: `e${i}@bench.test`,
        passwordHash,
        displayName: `Expert ${i}`,
        roles: ['expert'],
        groups: [groups[i]!._id],
        presence: 'online',
        maxConcurrent: Math.ceil(VISITORS / EXPERTS) + 1,
      })),
    );
    await WidgetKey.create({ key: 'bench', name: 'Bench', allowedOrigins: [ORIGIN] });
    const visitorIds = Array.from({ length: VISITORS }, () =>
      randomBytes(12).toString('base64url'),
    );
    const contacts = await Contact.insertMany(
      visitorIds.map((v, i) => ({ name: `Visitor ${i}`, visitorIds: [v] })),
    );
    await ContactIdentity.insertMany(
      visitorIds.map((v, i) => ({
        _id: identityId('visitor', v),
        kind: 'visitor',
        value: v,
        contact: contacts[i]!._id,
      })),
    );
    const now = new Date();
    const tickets = await Ticket.insertMany(
      visitorIds.map((_, i) => ({
        number: 500_000 + i,
        channel: 'webchat',
        contact: contacts[i]!._id,
        group: groups[i % EXPERTS]!._id,
        assignee: experts[i % EXPERTS]!._id,
        status: 'assigned',
        assignedAt: now,
        queuedAt: now,
        subject: 'Web chat',
        timeline: [],
      })),
    );
    const sessions = await WebchatSession.insertMany(
      visitorIds.map((v, i) => ({
        visitorId: v,
        ticket: tickets[i]!._id,
        contact: contacts[i]!._id,
        widgetKey: 'bench',
        kind: 'chat',
        hints: { name: `Visitor ${i}` },
        interactionId: `bench-session-${i}`,
        startedAt: now,
      })),
    );
    // What chat:start leaves in Redis for each visitor (their current session).
    for (const [i, session] of sessions.entries())
      await cacheCurrentSession(visitorIds[i]!, String(session._id));
    await reconcileRoutingIndex();
    const tokens = visitorIds.map((v) => issueVisitorToken(v).token);
    const expertOf = (visitor: number) => visitor % EXPERTS;

    let ours: Load = emptyLoad();
    let two: Load = emptyLoad();
    let oursMax = NaN;
    let twoMax = NaN;
    let rssIdle = NaN;
    let rssAfter = NaN;
    let oursPerVisitorKb = NaN;
    const pending = new Map<string, number>();
    if (!BARE_ONLY) {
      // --- ours, one process ---------------------------------------------------------------
      const inspect = await inspectArgs();
      const hub = await spawnHttpProcess([MAIN, 'server'], env, inspect.args);
      const hubMemory = { child: hub.child, inspectPort: inspect.inspectPort };
      children.push(hub.child);
      const cookies = await inBatches(EXPERTS, 20, async (i) => {
        const res = await fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `e${i}@bench.test`, password: PASSWORD }),
        });
        if (!res.ok) throw new Error(`login e${i}: ${res.status}`);
        return res.headers.get('set-cookie')!.split(';')[0]!;
      });
      const openExperts = (url: string) =>
        inBatches(EXPERTS, 20, async (i) => {
          const s = connect(`${url}/staff`, {
            transports: ['websocket'],
            extraHeaders: { cookie: cookies[i]! },
            forceNew: true,
          });
          s.on('message:created', (m: { text: string }) => received(m.text));
          sockets.push(s);
          return connected(s);
        });
      const openVisitors = (url: string) =>
        inBatches(VISITORS, 100, async (i) => {
          const s = connect(`${url}/visitor`, {
            transports: ['websocket'],
            extraHeaders: { origin: ORIGIN },
            auth: { key: 'bench', token: tokens[i] },
            forceNew: true,
          });
          sockets.push(s);
          // Connected for a visitor means its chat is known (the server's 'session' event).
          const session = new Promise((resolve) => s.once('session', resolve));
          await connected(s);
          await session;
          return s;
        });
      await openExperts(hub.url);
      await sleep(1000);
      const rssBefore = await steadyRssKb(hubMemory);
      let visitors = await openVisitors(hub.url);
      await sleep(1000);
      rssIdle = await steadyRssKb(hubMemory);
      oursPerVisitorKb = (rssIdle - rssBefore) / VISITORS;
      console.log(
        `ours: RSS ${(rssIdle / 1024).toFixed(0)} MB with ${VISITORS} idle visitors, ${oursPerVisitorKb.toFixed(1)} KB per visitor`,
      );
      let seq = 0;
      const sendOurs = (socketsOf: Socket[]) => async (visitor: number, messageId: string) => {
        const answer = (await socketsOf[visitor]!.timeout(30_000)
          .emitWithAck('message:send', { clientId: `b${seq++}`, text: messageId })
          .catch(() => ({ ok: false, error: { code: 'timeout' } }))) as {
          ok: boolean;
          error?: { code: string; message?: string };
        };
        if (!answer.ok)
          refusals.set(answer.error!.code, (refusals.get(answer.error!.code) ?? 0) + 1);
        return answer.ok;
      };
      console.log(
        `\nours, one process: ${VISITORS} visitors, ${EXPERTS} experts, ${RATE}/s for ${SECONDS} s`,
      );
      ours = await drive(RATE, SECONDS, VISITORS, sendOurs(visitors), pending);
      report('ours', ours, SECONDS);
      rssAfter = await steadyRssKb(hubMemory);

      await quiet();
      console.log('  raising the rate (ours)...');
      oursMax = await maxRate('ours', START_RATE, (rate) =>
        drive(rate, STEP_SECONDS, VISITORS, sendOurs(visitors), pending),
      );

      // --- ours, two processes: visitors on A, experts on B ----------------------------------
      await settle('ours');
      ledger.system = 'ours x2';
      for (const s of sockets.splice(0)) s.disconnect();
      const hubB = await spawnHttpProcess([MAIN, 'server'], env);
      children.push(hubB.child);
      await openExperts(hubB.url);
      visitors = await openVisitors(hub.url);
      await sleep(2000);
      console.log(
        `\nours, two processes (visitors on A, experts on B), ${RATE}/s for ${SECONDS} s`,
      );
      two = await drive(RATE, SECONDS, VISITORS, sendOurs(visitors), pending);
      report('ours x2', two, SECONDS);
      await quiet();
      console.log('  raising the rate (ours x2)...');
      twoMax = await maxRate('ours x2', START_RATE, (rate) =>
        drive(rate, STEP_SECONDS, VISITORS, sendOurs(visitors), pending),
      );
      await settle('ours x2');
      for (const s of sockets.splice(0)) s.disconnect();
      for (const c of children.splice(0)) c.kill('SIGTERM');
    }
    ledger.system = 'bare';
    // --- bare relay ------------------------------------------------------------------------
    const bare = await spawnBare();
    children.push(bare.child);
    await inBatches(EXPERTS, 20, async (i) => {
      const s = connect(bare.url, {
        transports: ['websocket'],
        query: { expert: String(i) },
        forceNew: true,
      });
      s.on('msg', (m: { id: string }) => received(m.id));
      sockets.push(s);
      return connected(s);
    });
    await sleep(1000);
    const bareBefore = await steadyRssKb(bare);
    const bareVisitors = await inBatches(VISITORS, 100, async () => {
      const s = connect(bare.url, { transports: ['websocket'], forceNew: true });
      sockets.push(s);
      return connected(s);
    });
    await sleep(1000);
    const barePerVisitorKb = ((await steadyRssKb(bare)) - bareBefore) / VISITORS;
    console.log(`bare: ${barePerVisitorKb.toFixed(1)} KB per idle visitor`);
    const sendBare = async (visitor: number, messageId: string) => {
      await bareVisitors[visitor]!.timeout(30_000)
        .emitWithAck('msg', { to: String(expertOf(visitor)), id: messageId })
        .catch(() => undefined);
      return true;
    };
    console.log(`\nbare socket.io relay: ${RATE}/s for ${SECONDS} s`);
    const bareLoad = await drive(RATE, SECONDS, VISITORS, sendBare, pending);
    report('bare', bareLoad, SECONDS);
    await quiet();
    console.log('  raising the rate (bare)...');
    const bareMax = await maxRate('bare', RATE, (rate) =>
      drive(rate, STEP_SECONDS, VISITORS, sendBare, pending),
    );

    await settle('bare');
    const p99 = (l: Load) => pct(l.latencies, 99);
    console.log('\n=== summary ===');
    console.log(
      `lost (acknowledged, never received by the expert, over every step): ours ${lostOf('ours')}, two processes ${lostOf('ours x2')}, bare ${lostOf('bare')}; ` +
        `refused or timed out in the main load: ours ${ours.failed}, two processes ${two.failed}`,
    );
    console.log(
      `p99 visitor->expert: ours ${p99(ours).toFixed(1)} ms, bare ${p99(bareLoad).toFixed(1)} ms; target ours <= ${(1.5 * p99(bareLoad) + 20).toFixed(1)} ms`,
    );
    console.log(
      `server RSS: ours ${(rssIdle / 1024).toFixed(0)} MB idle with ${VISITORS} visitors, ${(rssAfter / 1024).toFixed(0)} MB after the load`,
    );
    console.log(
      `RSS per idle visitor: ours ${oursPerVisitorKb.toFixed(1)} KB, bare ${barePerVisitorKb.toFixed(1)} KB (ratio ${(oursPerVisitorKb / barePerVisitorKb).toFixed(2)}, target <= 1.5)`,
    );
    console.log(
      `highest rate with p99 <= 100 ms and nothing lost: ours ${oursMax}/s, two processes ${twoMax}/s, bare ${bareMax}/s (ratio ${(oursMax / Math.max(1, bareMax)).toFixed(2)}, target >= 0.25)`,
    );
  } finally {
    for (const s of sockets) s.disconnect();
    for (const c of children) c.kill('SIGTERM');
    await services.stop?.();
    process.exit(0);
  }
}

void main();
