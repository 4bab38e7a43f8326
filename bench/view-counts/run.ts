/**
 * Inbox view counts (issue: "Agent console"): what GET /api/tickets/counts costs from the Redis
 * counters, against counting the same views in the database, as open tickets grow.
 *
 *   npx tsx bench/view-counts/run.ts [--tickets 10000] [--groups 10] [--rounds 50]
 *
 * Prints p50/p99 of one expert's counts both ways, and how long a full reconcile takes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SLA_RUNNING_STATUSES } from '@cc/shared';
import { Types } from 'mongoose';
import type { SessionUser } from '../../server/src/auth/session.js';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { ensureServices } from '../../server/src/core/services.js';
import { Contact } from '../../server/src/contacts/model.js';
import { ExpertGroup } from '../../server/src/expert-groups/model.js';
import { reconcileRoutingIndex } from '../../server/src/routing/routing-index.js';
import { Ticket } from '../../server/src/tickets/model.js';
import {
  SLA_RISK_MS,
  reconcileTicketViews,
  ticketViewCounts,
} from '../../server/src/tickets/view-counts.js';
import { arg } from '../lib.js';

const TICKETS = arg('tickets', 10_000);
const GROUPS = arg('groups', 10);
const ROUNDS = arg('rounds', 50);
const STATUSES = ['queued', 'assigned', 'pending'] as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function timed(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times;
}

/** The same six numbers as the database would give them: one count query per view. */
async function countInDatabase(me: SessionUser) {
  const visible = { $or: [{ assignee: me.id }, { group: { $in: me.groups } }], mergedInto: null };
  const until = new Date(Date.now() + SLA_RISK_MS);
  return Promise.all([
    Ticket.countDocuments({ assignee: me.id, status: { $in: ['assigned', 'pending'] } }),
    Ticket.countDocuments({
      group: { $in: me.groups },
      status: { $in: ['new', 'queued'] },
      assignee: null,
    }),
    Ticket.countDocuments({ ...visible, status: { $in: ['new', 'queued'] }, assignee: null }),
    Ticket.countDocuments({ ...visible, status: 'pending' }),
    Ticket.countDocuments({ ...visible, type: 'callback', status: { $ne: 'closed' } }),
    Ticket.countDocuments({
      ...visible,
      status: { $in: SLA_RUNNING_STATUSES },
      'sla.firstResponseDueAt': { $lte: until },
    }),
  ]);
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
  const services = await ensureServices({
    dataDir,
    mongoPort: 0,
    mongoUri: process.env.MONGODB_URI || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
  });
  const id = randomBytes(3).toString('hex');
  process.env.LOG_LEVEL = 'warn';
  const runtime = await bootstrap({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: `bench_${id}`,
    REDIS_PREFIX: `bench_${id}`,
    DATA_DIR: dataDir,
  });
  try {
    console.log(`seeding ${TICKETS} open tickets in ${GROUPS} groups...`);
    const groups = await ExpertGroup.insertMany(
      Array.from({ length: GROUPS }, (_, i) => ({
        slug: `bench-${i}`,
        name: { fa: `گروه ${i}`, en: `Group ${i}` },
      })),
    );
    const experts = Array.from({ length: GROUPS * 5 }, () => new Types.ObjectId());
    const contact = await Contact.create({ name: 'Bench customer' });
    const now = Date.now();
    for (let i = 0; i < TICKETS; i += 1000) {
      await Ticket.insertMany(
        Array.from({ length: Math.min(1000, TICKETS - i) }, (_, k) => {
          const n = i + k;
          const status = STATUSES[n % STATUSES.length]!;
          return {
            number: 100_000 + n,
            channel: 'sms',
            contact: contact._id,
            group: groups[n % GROUPS]!._id,
            assignee: status === 'queued' ? null : experts[n % experts.length],
            type: n % 7 === 0 ? 'callback' : 'question',
            status,
            queuedAt: new Date(now - n * 1000),
            priorityRank: 1,
            sla: { firstResponseDueAt: new Date(now + ((n % 120) - 30) * 60_000) },
            timeline: [],
          };
        }),
      );
    }
    await reconcileRoutingIndex();
    const reconcileStart = performance.now();
    const reconciled = await reconcileTicketViews();
    const reconcileMs = performance.now() - reconcileStart;

    const expertId = String(experts[0]);
    const me: SessionUser = {
      id: expertId,
      email: 'e0@bench.test',
      displayName: 'Expert 0',
      roles: ['expert'],
      groups: [String(groups[0]!._id), String(groups[1]!._id)],
    };
    const fromRedis = await ticketViewCounts(me);
    const fromDb = await countInDatabase(me);
    console.log('counts (redis):', fromRedis);
    console.log('counts (database, same views):', fromDb);
    const redisTimes = await timed(ROUNDS, () => ticketViewCounts(me));
    const dbTimes = await timed(Math.min(ROUNDS, 10), () => countInDatabase(me));
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`\n${TICKETS} open tickets, ${GROUPS} groups, an expert in 2 groups:`);
    console.log(
      `GET counts from Redis counters: p50 ${ms(pct(redisTimes, 50))}, p99 ${ms(pct(redisTimes, 99))}`,
    );
    console.log(
      `same counts in the database:    p50 ${ms(pct(dbTimes, 50))}, p99 ${ms(pct(dbTimes, 99))}`,
    );
    console.log(`full reconcile (${reconciled.synced} tickets): ${ms(reconcileMs)}`);
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
