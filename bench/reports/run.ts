/**
 * Reports over a large contact log: loads N interactions (default 1,000,000) and their tickets
 * straight into the collections, builds the daily rollups (timed), then times the report API
 * for several periods (p50 and max over several runs each).
 *
 *   npx tsx bench/reports/run.ts                       # 1,000,000 interactions over 180 days
 *   npx tsx bench/reports/run.ts --interactions 50000 --days 30 --runs 3   # quick
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { localParts } from '../../server/src/core/dates.js';
import { ensureServices } from '../../server/src/core/services.js';
import { startHub } from '../../server/src/core/http/server.js';
import { Contact } from '../../server/src/contacts/model.js';
import { ExpertGroup } from '../../server/src/expert-groups/model.js';
import { Interaction } from '../../server/src/interactions/model.js';
import { Unit } from '../../server/src/products/model.js';
import { daysBetween, addDays } from '../../server/src/reports/local-days.js';
import { ReportDay } from '../../server/src/reports/model.js';
import { ReportMarginal, partialOf } from '../../server/src/reports/partial.js';
import { loadDays, loadPartials } from '../../server/src/reports/service.js';
import { buildReportDays } from '../../server/src/reports/rollup.js';
import { Ticket } from '../../server/src/tickets/model.js';
import { User } from '../../server/src/users/model.js';
import { hashPassword } from '../../server/src/users/password.js';
import { arg } from '../lib.js';

const INTERACTIONS = arg('interactions', 1_000_000);
const DAYS = arg('days', 180);
const RUNS = arg('runs', 5);
const PER_TICKET = 10;
const BATCH = 5000;

const CHANNELS = ['webchat', 'sms', 'email', 'voice'];
const TYPES = ['question', 'technical-fault', 'guarantee-claim', 'complaint'];
const MODELS = ['PUMP-1', 'TR-9', 'GEN-3', 'MIX-2'];
const PROVINCES = ['Tehran', 'Isfahan', 'Fars', 'Khorasan', 'Gilan', 'Tabriz'];
const OUTCOMES: Record<string, string[]> = {
  webchat: ['answered', 'answered', 'abandoned'],
  sms: ['received', 'delivered'],
  email: ['received', 'sent'],
  voice: ['answered', 'missed', 'no-answer'],
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const ms = (t: number) => `${Math.round(t).toLocaleString('en')} ms`;

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
  const hub = await startHub(runtime.config, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${hub.port}`;
  try {
    const tz = runtime.config.DEFAULT_TIMEZONE;
    const groups = await ExpertGroup.insertMany(
      [0, 1, 2].map((g) => ({ slug: `g${g}`, name: { fa: `گروه ${g}`, en: `Group ${g}` } })),
    );
    const password = 'bench-password-1';
    const hash = await hashPassword(password);
    const experts = await User.insertMany(
      Array.from({ length: 12 }, (_, i) => ({
        email: `expert${i}@bench.test`,
        displayName: `Expert ${i}`,
        passwordHash: hash,
        roles: ['expert'],
        groups: [groups[i % 3]!._id],
      })),
    );
    await User.create({
      email: 'boss@bench.test',
      displayName: 'Boss',
      passwordHash: hash,
      roles: ['supervisor'],
    });
    const contacts = Array.from({ length: 5000 }, (_, i) => ({
      _id: new Types.ObjectId(),
      name: `Customer ${i}`,
      province: pick(PROVINCES),
    }));
    await Contact.collection.insertMany(contacts);
    const units = Array.from({ length: 2000 }, (_, i) => ({
      _id: new Types.ObjectId(),
      serial: `SN-${i}`,
      product: new Types.ObjectId(),
      productCode: pick(MODELS),
      productionDate: new Date('2024-01-01'),
    }));
    await Unit.collection.insertMany(units);

    const end = Date.now();
    const start = end - DAYS * 86_400_000;
    const ticketCount = Math.ceil(INTERACTIONS / PER_TICKET);
    console.log(
      `loading ${INTERACTIONS.toLocaleString('en')} interactions and ${ticketCount.toLocaleString('en')} tickets over ${DAYS} days...`,
    );
    const t0 = performance.now();
    let tickets: Record<string, unknown>[] = [];
    let rows: Record<string, unknown>[] = [];
    for (let n = 0; n < ticketCount; n++) {
      const createdAt = new Date(start + Math.random() * (end - start - 3 * 86_400_000));
      const local = localParts(createdAt, tz);
      const expertIndex = Math.floor(Math.random() * experts.length);
      const expert = experts[expertIndex]!;
      const channel = pick(CHANNELS);
      const contact = pick(contacts);
      const frt = Math.random() * 7200_000;
      const resolved = Math.random() < 0.8;
      const ticket = {
        _id: new Types.ObjectId(),
        number: n + 1,
        channel,
        contact: contact._id,
        unit: Math.random() < 0.6 ? pick(units)._id : null,
        type: pick(TYPES),
        status: resolved ? 'resolved' : 'assigned',
        group: expert.groups[0],
        assignee: expert._id,
        faultCode: Math.random() < 0.3 ? pick(['E1', 'E2', 'E3', 'E4', 'E5']) : null,
        createdAt,
        updatedAt: createdAt,
        assignedAt: new Date(createdAt.getTime() + Math.random() * 600_000),
        firstResponseAt: new Date(createdAt.getTime() + frt),
        resolvedAt: resolved
          ? new Date(createdAt.getTime() + frt + Math.random() * 86_400_000)
          : null,
        sla: {
          firstResponseDueAt: new Date(createdAt.getTime() + 3600_000),
          resolutionDueAt: new Date(createdAt.getTime() + 86_400_000),
          firstResponseBreached: frt > 3600_000,
          resolutionBreached: false,
        },
        satisfaction:
          resolved && Math.random() < 0.3
            ? {
                score: 1 + Math.floor(Math.random() * 5),
                comment: Math.random() < 0.2 ? 'ok' : null,
                at: createdAt,
              }
            : { score: null, comment: null, at: null },
        mergedInto: null,
        createdDay: local.day,
        createdHour: local.hour,
        createdWeekday: local.weekday,
      };
      tickets.push(ticket);
      for (let k = 0; k < PER_TICKET && n * PER_TICKET + k < INTERACTIONS; k++) {
        const startedAt = new Date(createdAt.getTime() + k * Math.random() * 3600_000);
        const l = localParts(startedAt, tz);
        const duration = Math.round(Math.random() * 900);
        rows.push({
          channel,
          direction: k % 2 ? 'out' : 'in',
          caller: { kind: 'phone', value: '+989120000000' },
          contact: contact._id,
          expert: k % 2 ? expert._id : null,
          ticket: ticket._id,
          message: null,
          group: expert.groups[0],
          startedAt,
          endedAt: new Date(startedAt.getTime() + duration * 1000),
          durationSec: duration,
          outcome: pick(OUTCOMES[channel]!),
          externalId: null,
          note: null,
          localDay: l.day,
          localHour: l.hour,
          localWeekday: l.weekday,
          createdAt: startedAt,
          updatedAt: startedAt,
        });
      }
      if (rows.length >= BATCH) {
        await Interaction.collection.insertMany(rows, { ordered: false });
        rows = [];
      }
      if (tickets.length >= BATCH) {
        await Ticket.collection.insertMany(tickets, { ordered: false });
        tickets = [];
      }
    }
    if (rows.length) await Interaction.collection.insertMany(rows, { ordered: false });
    if (tickets.length) await Ticket.collection.insertMany(tickets, { ordered: false });
    const loadMs = performance.now() - t0;
    console.log(
      `loaded in ${ms(loadMs)} (${Math.round(INTERACTIONS / (loadMs / 1000)).toLocaleString('en')} interactions/s)`,
    );

    const today = localParts(new Date(end), tz).day;
    const allDays = daysBetween(addDays(today, -DAYS), today);
    const t1 = performance.now();
    await buildReportDays(allDays);
    const buildMs = performance.now() - t1;
    const cells = await ReportDay.find({}, { _id: 1 }).lean();
    console.log(
      `rollups for ${allDays.length} days built in ${ms(buildMs)} (${cells.length} day documents)`,
    );

    const t2 = performance.now();
    await buildReportDays([addDays(today, -1), today]);
    console.log(`incremental refresh (today + yesterday) in ${ms(performance.now() - t2)}`);

    const last30 = daysBetween(addDays(today, -29), today);
    const t3 = performance.now();
    const loaded = await loadDays(last30);
    const readMs = performance.now() - t3;
    const cellCount = [...loaded.values()].reduce(
      (n, d) => n + d.interactions.length + d.tickets.length,
      0,
    );
    console.log(
      `reading 30 day documents (${cellCount.toLocaleString('en')} cells): ${ms(readMs)}`,
    );

    // Where the time of a long report goes: reading + decoding the fine cells, adding them up,
    // against reading the stored unfiltered marginals.
    const longDays = daysBetween(addDays(today, -DAYS + 1), today);
    const t4 = performance.now();
    const longRollups = await loadDays(longDays);
    const decodeMs = performance.now() - t4;
    const t5 = performance.now();
    for (const r of longRollups.values()) partialOf(r, {});
    const addMs = performance.now() - t5;
    const t6 = performance.now();
    await loadPartials(longDays, {});
    const marginalMs = performance.now() - t6;
    const marginals = await ReportMarginal.countDocuments({});
    console.log(
      `${DAYS} days: read + decode cells ${ms(decodeMs)}, add them up ${ms(addMs)}; read the unfiltered marginals ${ms(marginalMs)} (${marginals.toLocaleString('en')} marginal documents in all)`,
    );

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@bench.test', password }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const queries = [
      ['7 days', 'period=7d'],
      ['30 days', 'period=30d'],
      ['30 days, channel + province', 'period=30d&channel=voice&province=Tehran'],
      [`${DAYS} days`, `period=custom&from=${addDays(today, -DAYS + 1)}&to=${today}`],
      [
        `${DAYS} days, channel`,
        `period=custom&from=${addDays(today, -DAYS + 1)}&to=${today}&channel=voice`,
      ],
      [
        `${DAYS} days, channel + province (cells)`,
        `period=custom&from=${addDays(today, -DAYS + 1)}&to=${today}&channel=voice&province=Tehran`,
      ],
    ];
    console.log(`report API, ${RUNS} runs each:`);
    for (const [label, q] of queries) {
      const times: number[] = [];
      let contactsSeen = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const res = await fetch(`${url}/api/reports?${q}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${q}: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { volume: { contacts: number } };
        times.push(performance.now() - t);
        contactsSeen = body.volume.contacts;
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${label}: p50 ${ms(times[Math.floor(times.length / 2)]!)}, max ${ms(times.at(-1)!)} (${contactsSeen.toLocaleString('en')} contacts in the report)`,
      );
    }
  } finally {
    await new Promise<void>((r) => hub.server.close(() => r()));
    await mongoose.connection.db?.dropDatabase();
    await runtime.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
