import { parse } from 'csv-parse/sync';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact, makeExpert, makeGroup } from '../../test/factories.js';
import { recordInteraction } from '../interactions/service.js';
import { Product, Unit } from '../products/model.js';
import { setPresence } from '../routing/presence.js';
import { Ticket } from '../tickets/model.js';
import { quantile, bucketOf, emptyHistogram } from './histogram.js';
import { gzipSync } from 'node:zlib';
import { matches, type DimFilter } from './cells.js';
import { PresenceInterval, ReportDay, packDay, unpackDay, type ReportDayRow } from './model.js';
import { partialOf } from './partial.js';
import { refreshRollups } from './refresh.js';
import { loadDays, loadPartials } from './service.js';

let app: TestApp;
let manager: SignedIn;
let expertSession: SignedIn;
let expertId: string;
let number = 5000;

/** Tehran is UTC+03:30: 15:00 Tehran is 11:30Z. */
const at = (iso: string) => new Date(iso);

async function insertTicket(fields: Record<string, unknown>) {
  const doc = new Ticket({ number: ++number, subject: 'fixture', ...fields }).toObject();
  await Ticket.collection.insertOne({ ...doc, createdAt: fields.createdAt, updatedAt: new Date() });
  return doc._id as Types.ObjectId;
}

const PERIOD = 'period=custom&from=2026-11-24&to=2026-11-25';

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  expertSession = await signIn(app, await makeUser({ roles: ['expert'] }));
  // Iranian week: open Saturday to Wednesday 08:00-16:00; Thursday and Friday closed.
  const group = await makeGroup({
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      holidays: [],
      weekly: [6, 0, 1, 2, 3].map((day) => ({ day, open: '08:00', close: '16:00' })),
    },
  } as never);
  const expert = await makeExpert([group]);
  expertId = String(expert._id);
  const tehran = await makeContact({ province: 'Tehran' });
  const isfahan = await makeContact({ province: 'Isfahan' });
  const [pump] = await Product.create([
    {
      code: 'PUMP-1',
      name: { fa: 'پمپ', en: 'Pump' },
      faultCodes: [{ code: 'E1', description: { fa: 'نشت روغن', en: 'Oil leak' } }],
    },
  ]);
  const unit = await Unit.create({
    serial: 'PUMP-9001',
    product: pump!._id,
    productCode: 'PUMP-1',
    productionDate: new Date('2025-01-01'),
  });

  // T1, the weekend case: opened Wednesday 15:00 Tehran, first answer Saturday 09:00 Tehran.
  // Wall clock 66 h = 237600 s; business hours Wed 15-16 + Sat 08-09 = 7200 s.
  await insertTicket({
    channel: 'webchat',
    contact: tehran._id,
    group: group._id,
    assignee: expert._id,
    type: 'question',
    status: 'assigned',
    createdAt: at('2026-11-25T11:30:00Z'),
    createdDay: '2026-11-25',
    createdHour: 15,
    assignedAt: at('2026-11-25T11:40:00Z'),
    firstResponseAt: at('2026-11-28T05:30:00Z'),
    sla: { firstResponseDueAt: at('2026-11-25T12:30:00Z'), firstResponseBreached: true },
    satisfaction: { score: 4, comment: 'خوب بود', at: at('2026-11-28T06:00:00Z') },
  });
  // T2, the midnight case: 23:50 Tehran on the 24th (20:20Z), resolved 00:20 Tehran on the 25th
  // (20:50Z, still the 24th in UTC). No group: business time = wall time.
  await insertTicket({
    channel: 'sms',
    contact: tehran._id,
    unit: unit._id,
    faultCode: 'E1',
    assignee: expert._id,
    type: 'guarantee-claim',
    status: 'resolved',
    createdAt: at('2026-11-24T20:20:00Z'),
    createdDay: '2026-11-24',
    createdHour: 23,
    assignedAt: at('2026-11-24T20:21:00Z'),
    firstResponseAt: at('2026-11-24T20:30:00Z'),
    resolvedAt: at('2026-11-24T20:50:00Z'),
    sla: { firstResponseDueAt: at('2026-11-24T21:20:00Z') },
    satisfaction: { score: 5, comment: null, at: at('2026-11-24T21:00:00Z') },
  });
  // T3: Wednesday 09:00 Tehran, answered in 2 min, resolved in 1 h, all inside business hours.
  await insertTicket({
    channel: 'webchat',
    contact: isfahan._id,
    group: group._id,
    assignee: expert._id,
    type: 'question',
    status: 'resolved',
    createdAt: at('2026-11-25T05:30:00Z'),
    createdDay: '2026-11-25',
    createdHour: 9,
    assignedAt: at('2026-11-25T05:31:00Z'),
    firstResponseAt: at('2026-11-25T05:32:00Z'),
    resolvedAt: at('2026-11-25T06:30:00Z'),
    satisfaction: { score: 2, comment: 'دیر جواب دادید', at: at('2026-11-25T07:00:00Z') },
  });

  const base = { caller: { kind: 'phone' as const, value: '+989120000000' } };
  await recordInteraction({
    ...base,
    channel: 'webchat',
    direction: 'in',
    expert: expert._id,
    contact: tehran._id,
    outcome: 'answered',
    startedAt: at('2026-11-25T11:30:00Z'),
    endedAt: at('2026-11-25T11:35:00Z'),
  });
  // 21:00Z on the 24th is 00:30 Tehran on the 25th.
  await recordInteraction({
    ...base,
    channel: 'webchat',
    direction: 'in',
    outcome: 'abandoned',
    startedAt: at('2026-11-24T21:00:00Z'),
  });
  await recordInteraction({
    ...base,
    channel: 'voice',
    direction: 'in',
    outcome: 'missed',
    startedAt: at('2026-11-25T06:00:00Z'),
  });
  await recordInteraction({
    ...base,
    channel: 'sms',
    direction: 'out',
    contact: tehran._id,
    outcome: 'delivered',
    startedAt: at('2026-11-24T20:25:00Z'),
  });
});

afterAll(async () => {
  await app?.close();
});

describe('histograms', () => {
  it('report a quantile as the upper edge of its bucket', () => {
    const h = emptyHistogram();
    for (const s of [120, 600, 237_600]) h[bucketOf(s)]! += 1;
    expect(quantile(h, 0.5)).toBe(900);
    expect(quantile(h, 0.9)).toBe(259_200);
    expect(quantile(emptyHistogram(), 0.5)).toBeNull();
  });
});

describe('GET /api/reports', () => {
  it('is for supervisors and admins only', async () => {
    await expertSession.agent.get(`/api/reports?${PERIOD}`).expect(403);
  });

  it('rejects unknown filters and a custom period without a range', async () => {
    await manager.agent.get('/api/reports?period=custom').expect(400);
    await manager.agent.get('/api/reports?colour=red').expect(400);
  });

  it('computes every section from the fixtures', async () => {
    await manager.agent
      .post('/api/reports/rebuild')
      .set('x-csrf-token', manager.csrf)
      .send({ from: '2026-11-24', to: '2026-11-28' })
      .expect(200, { rebuilt: 5 });
    const { body: r } = await manager.agent.get(`/api/reports?${PERIOD}`).expect(200);

    expect(r.volume).toMatchObject({ contacts: 4, inbound: 3, outbound: 1, tickets: 3 });
    // The midnight case: T2 and the outbound SMS belong to the 24th, the 00:30 chat to the 25th.
    expect(r.volume.byDay).toEqual([
      { day: '2026-11-24', contacts: 1, tickets: 1 },
      { day: '2026-11-25', contacts: 3, tickets: 2 },
    ]);
    expect(r.volume.heatmap[2][23]).toBe(1);
    expect(r.volume.heatmap[3][0]).toBe(1);
    expect(r.volume.heatmap[3][9]).toBe(1);
    expect(r.volume.heatmap[3][15]).toBe(1);

    // First response: 237600, 600, 120 wall; 7200, 600, 120 in business hours.
    expect(r.speed.firstResponse.wall).toEqual({
      count: 3,
      average: 79440,
      median: 900,
      p90: 259200,
    });
    expect(r.speed.firstResponse.business).toEqual({
      count: 3,
      average: 2640,
      median: 900,
      p90: 10800,
    });
    // Resolution: T2 1800 s (across Tehran midnight), T3 3600 s; 1800 falls in [1800, 2700).
    expect(r.speed.resolution.wall).toEqual({ count: 2, average: 2700, median: 2700, p90: 5400 });
    expect(r.speed.resolution.business).toEqual({
      count: 2,
      average: 2700,
      median: 2700,
      p90: 5400,
    });
    expect(r.speed.sla.firstResponse).toEqual({ met: 1, breached: 1, percent: 50 });
    expect(r.speed.breaches).toHaveLength(1);
    expect(r.speed.breaches[0]).toMatchObject({ kind: 'firstResponse', number: 5001 });

    expect(r.queue).toMatchObject({
      waited: 3,
      averageWaitSec: 240,
      longestWaitSec: 600,
      abandonedChats: 1,
      missedCalls: 1,
    });

    expect(r.satisfaction.count).toBe(3);
    expect(r.satisfaction.average).toBe(3.7);
    expect(r.satisfaction.distribution.map((d: { count: number }) => d.count)).toEqual([
      0, 1, 0, 1, 1,
    ]);
    expect(r.satisfaction.comments.map((c: { comment: string }) => c.comment).sort()).toEqual(
      ['خوب بود', 'دیر جواب دادید'].sort(),
    );

    const me = r.experts.find((e: { expert: string }) => e.expert === expertId);
    expect(me).toMatchObject({
      handled: 3,
      contacts: 1,
      averageHandlingSec: 300,
      csatAverage: 3.7,
    });

    expect(r.afterSales.claimsByStatus).toEqual([{ status: 'resolved', count: 1 }]);
    expect(r.afterSales.pareto).toEqual([
      {
        productModel: 'PUMP-1',
        faultCode: 'E1',
        description: { fa: 'نشت روغن', en: 'Oil leak' },
        count: 1,
        percent: 100,
        cumulativePercent: 100,
      },
    ]);
  });

  it('filters by province, channel and type', async () => {
    const tehran = await manager.agent.get(`/api/reports?${PERIOD}&province=Tehran`).expect(200);
    expect(tehran.body.volume.tickets).toBe(2);
    const sms = await manager.agent.get(`/api/reports?${PERIOD}&channel=sms`).expect(200);
    expect(sms.body.volume).toMatchObject({ contacts: 1, outbound: 1, tickets: 1 });
    const claims = await manager.agent
      .get(`/api/reports?${PERIOD}&type=guarantee-claim`)
      .expect(200);
    expect(claims.body.speed.resolution.wall.average).toBe(1800);
  });

  it('exports a table as CSV with a BOM that parses back to the same numbers', async () => {
    const res = await manager.agent
      .get(`/api/reports/export.csv?${PERIOD}&table=volume-by-day`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      { day: '2026-11-24', contacts: '1', tickets: '1' },
      { day: '2026-11-25', contacts: '3', tickets: '2' },
    ]);
    const comments = await manager.agent
      .get(`/api/reports/export.csv?${PERIOD}&table=comments`)
      .buffer(true)
      .parse((r, done) => {
        let t = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (t += c));
        r.on('end', () => done(null, t));
      })
      .expect(200);
    expect(comments.body as string).toContain('دیر جواب دادید');
  });
});

describe('refreshRollups', () => {
  it('rebuilds the days of tickets changed since the last run, not only today and yesterday', async () => {
    const first = await refreshRollups();
    expect(first).toEqual(expect.arrayContaining(['2026-11-24', '2026-11-25']));
    // T3 (opened on the 25th) gets a new satisfaction score today.
    await Ticket.updateOne({ number: 5003 }, { $set: { 'satisfaction.score': 5 } });
    const second = await refreshRollups();
    expect(second).toContain('2026-11-25');
    expect(second).not.toContain('2026-11-24');
    const { body } = await manager.agent.get(`/api/reports?${PERIOD}`).expect(200);
    // Scores now 4, 5, 5.
    expect(body.satisfaction.average).toBe(4.7);
  });
});

describe('presence intervals', () => {
  it('records the time an expert was online', async () => {
    const group = await makeGroup();
    const expert = await makeExpert([group], { online: true });
    await setPresence(String(expert._id), 'offline');
    const rows = await PresenceInterval.find({ expert: expert._id }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.to.getTime()).toBeGreaterThanOrEqual(rows[0]!.from.getTime());
  });
});

describe('stored marginals', () => {
  it('equal the sums of the cells, unfiltered and under each single filter', async () => {
    const days = ['2026-11-24', '2026-11-25', '2026-11-26'];
    await loadDays(days);
    const filters = [
      {},
      { channel: 'webchat' },
      { channel: 'portal' },
      { province: 'Tehran' },
      { expert: expertId },
      { direction: 'in' as const },
      { type: 'guarantee-claim' },
      { productModel: 'PUMP-1' },
    ];
    for (const f of filters) {
      const cells = await loadDays(days);
      const fromCells = new Map([...cells].map(([d, r]) => [d, partialOf(r, f)]));
      const sorted = (m: Map<string, unknown>) => Object.fromEntries([...m].sort());
      expect({ f, ...sorted(await loadPartials(days, f)) }).toEqual({ f, ...sorted(fromCells) });
    }
  });
});

describe('packed days', () => {
  it('parse only the cells a filter keeps, with the same result as filtering them all', async () => {
    const days = ['2026-11-24', '2026-11-25', '2026-11-26'];
    const whole = await loadDays(days);
    const filters: DimFilter[] = [
      { channel: 'webchat', province: 'Tehran' },
      { channel: 'webchat', direction: 'in' },
      { expert: expertId, type: 'guarantee-claim' },
      { productModel: 'PUMP-1', province: 'Tehran', channel: 'portal' },
      { channel: 'no-such-channel', province: 'Tehran' },
    ];
    let kept = 0;
    for (const f of filters) {
      const narrowed = await loadDays(days, f);
      for (const day of days) {
        const all = whole.get(day)!;
        const some = narrowed.get(day)!;
        for (const key of [
          'interactions',
          'tickets',
          'callbacks',
          'breaches',
          'comments',
        ] as const) {
          expect(some[key]).toEqual(
            (all[key] as Array<Partial<DimFilter>>).filter((c) => matches(c, f)),
          );
          kept += some[key].length;
        }
        expect(some.presence).toEqual(all.presence);
        expect(partialOf(some, f)).toEqual(partialOf(all, f));
      }
    }
    expect(kept).toBeGreaterThan(0); // the fixtures do reach some filtered cells
  });

  it('still read a day stored as one JSON value (before the line format)', async () => {
    const row = (await ReportDay.findById('2026-11-25').lean<ReportDayRow>())!;
    const day = unpackDay(row);
    const { _id, builtAt, ...rollup } = day;
    const old = { _id, builtAt, cells: gzipSync(JSON.stringify(rollup)) };
    expect(unpackDay(old)).toEqual(day);
    const f = { channel: 'webchat', province: 'Tehran' };
    expect(unpackDay(old, f)).toEqual(unpackDay({ ...row, cells: packDay(rollup) }, f));
  });
});
