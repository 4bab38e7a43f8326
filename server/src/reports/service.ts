import type { Types } from 'mongoose';
import { Product } from '../products/model.js';
import { User } from '../users/model.js';
import { matches, type DayRollup, type DimFilter, type TicketCell } from './cells.js';
import { addTo, emptyHistogram, quantile } from './histogram.js';
import { ReportDay, unpackDay, type ReportDayDoc, type ReportDayRow } from './model.js';
import { resolvePeriod, type Period } from './period.js';
import { counted, directSections } from './direct.js';
import { buildReportDays } from './rollup.js';
import type { ReportQuery } from './schema.js';

const READ_CONCURRENCY = 16;
const COMMENTS_LIMIT = 200;
const BREACHES_LIMIT = 500;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits = 1) =>
  whole ? round((100 * part) / whole, digits) : null;
const average = (sum: number, count: number) => (count ? round(sum / count) : null);

/** Reads the days' rollups by _id; days never built yet are built first. */
export async function loadDays(days: readonly string[]): Promise<Map<string, ReportDayDoc>> {
  const found = new Map<string, ReportDayDoc>();
  const read = async (batch: readonly string[]) => {
    const rows = await Promise.all(batch.map((d) => ReportDay.findById(d).lean<ReportDayRow>()));
    for (const row of rows) if (row) found.set(row._id, unpackDay(row));
  };
  for (let i = 0; i < days.length; i += READ_CONCURRENCY)
    await read(days.slice(i, i + READ_CONCURRENCY));
  const missing = days.filter((d) => !found.has(d));
  if (missing.length) {
    await buildReportDays(missing);
    await read(missing);
  }
  return found;
}

export interface DurationStats {
  count: number;
  average: number | null;
  median: number | null;
  p90: number | null;
}

function stats(sum: number, histogram: number[]): DurationStats {
  const count = histogram.reduce((a, b) => a + b, 0);
  return {
    count,
    average: average(sum, count),
    median: quantile(histogram, 0.5),
    p90: quantile(histogram, 0.9),
  };
}

interface ExpertTotals {
  contacts: number;
  durationSum: number;
  durationCount: number;
  handled: number;
  frtSum: number;
  frt: number[];
  csatSum: number;
  csatCount: number;
  onlineSec: number;
}

const newExpert = (): ExpertTotals => ({
  contacts: 0,
  durationSum: 0,
  durationCount: 0,
  handled: 0,
  frtSum: 0,
  frt: emptyHistogram(),
  csatSum: 0,
  csatCount: 0,
  onlineSec: 0,
});

const csatSum = (c: readonly number[]) => c.reduce((s, n, i) => s + n * (i + 1), 0);
const csatCount = (c: readonly number[]) => c.reduce((s, n) => s + n, 0);

export type Report = Awaited<ReturnType<typeof buildReport>>;

/** Every section of the report for a period and filters, from the days' rollups. */
export async function buildReport(q: ReportQuery, now = new Date()) {
  const period = resolvePeriod(q, now);
  const rollups = await loadDays(period.days);
  const filter: DimFilter = {
    channel: q.channel,
    direction: q.direction,
    group: q.group,
    expert: q.expert,
    type: q.type,
    productModel: q.productModel,
    province: q.province,
  };
  const [report, direct] = await Promise.all([
    compose(period, filter, rollups),
    directSections(period, filter),
  ]);
  return {
    ...report,
    satisfaction: {
      ...report.satisfaction,
      complaintChecks: direct.complaintChecks,
      campaigns: direct.campaigns,
    },
    afterSales: {
      ...report.afterSales,
      claims: direct.claims,
      factory: direct.factory,
      inspections: direct.inspections,
    },
  };
}

async function compose(period: Period, f: DimFilter, rollups: Map<string, DayRollup>) {
  const byChannel = new Map<string, { inbound: number; outbound: number; tickets: number }>();
  const channelRow = (c: string) => {
    let row = byChannel.get(c);
    if (!row) byChannel.set(c, (row = { inbound: 0, outbound: 0, tickets: 0 }));
    return row;
  };
  const byDay: Array<{ day: string; contacts: number; tickets: number }> = [];
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const experts = new Map<string, ExpertTotals>();
  const expert = (id: string) => {
    let e = experts.get(id);
    if (!e) experts.set(id, (e = newExpert()));
    return e;
  };
  const hist = {
    frtWall: emptyHistogram(),
    frtBiz: emptyHistogram(),
    resWall: emptyHistogram(),
    resBiz: emptyHistogram(),
    wait: emptyHistogram(),
  };
  const sums = { frtWall: 0, frtBiz: 0, resWall: 0, resBiz: 0, wait: 0 };
  let waitMax = 0;
  let waited = 0;
  const sla = { firstMet: 0, firstBreached: 0, resolutionMet: 0, resolutionBreached: 0 };
  const outcomes = { abandonedChats: 0, missedCalls: 0 };
  const callbacks = { firstAttempt: 0, later: 0, never: 0, pending: 0 };
  const csat = [0, 0, 0, 0, 0];
  const trend: Array<{ day: string; count: number; average: number | null }> = [];
  const claims = new Map<string, number>();
  const serviceRequests = {
    total: 0,
    byStatus: new Map<string, number>(),
    byChannel: new Map<string, number>(),
  };
  const faults = new Map<string, { productModel: string; faultCode: string; count: number }>();
  const breaches: ReportDayDoc['breaches'] = [];
  const comments: ReportDayDoc['comments'] = [];
  let tickets = 0;
  const presence = new Map<string, number>();

  for (const day of period.days) {
    const r = rollups.get(day);
    let dayContacts = 0;
    let dayTickets = 0;
    const dayCsat = [0, 0, 0, 0, 0];
    if (r) {
      for (const c of r.interactions) {
        if (!matches(c, f)) continue;
        dayContacts += c.count;
        const row = channelRow(c.channel);
        if (c.direction === 'in') row.inbound += c.count;
        else row.outbound += c.count;
        heatmap[r.weekday]![c.hour]! += c.count;
        if (c.channel === 'webchat' && c.outcome === 'abandoned')
          outcomes.abandonedChats += c.count;
        if (
          c.channel === 'voice' &&
          c.direction === 'in' &&
          ['missed', 'no-answer', 'busy'].includes(c.outcome)
        )
          outcomes.missedCalls += c.count;
        if (c.expert) {
          const e = expert(c.expert);
          e.contacts += c.count;
          e.durationSum += c.durationSum;
          e.durationCount += c.durationCount;
        }
      }
      for (const t of r.tickets) {
        if (!matches(t, f)) continue;
        addTicketCell(t);
        dayTickets += t.created;
        channelRow(t.channel).tickets += t.created;
        for (let i = 0; i < 5; i++) dayCsat[i]! += t.csat[i] ?? 0;
      }
      for (const c of r.callbacks) {
        if (!matches(c, f)) continue;
        callbacks.firstAttempt += c.firstAttempt;
        callbacks.later += c.later;
        callbacks.never += c.never;
        callbacks.pending += c.pending;
      }
      for (const p of r.presence)
        if (!f.expert || p.expert === f.expert)
          presence.set(p.expert, (presence.get(p.expert) ?? 0) + p.onlineSec);
      breaches.push(...r.breaches.filter((b) => matches(b, f)));
      comments.push(...r.comments.filter((c) => matches(c, f)));
    }
    tickets += dayTickets;
    byDay.push({ day, contacts: dayContacts, tickets: dayTickets });
    for (let i = 0; i < 5; i++) csat[i]! += dayCsat[i]!;
    trend.push({
      day,
      count: csatCount(dayCsat),
      average: average(csatSum(dayCsat), csatCount(dayCsat)),
    });
  }

  function addTicketCell(t: TicketCell) {
    addTo(hist.frtWall, t.frtWall);
    addTo(hist.frtBiz, t.frtBiz);
    addTo(hist.resWall, t.resWall);
    addTo(hist.resBiz, t.resBiz);
    addTo(hist.wait, t.wait);
    sums.frtWall += t.frtWallSum;
    sums.frtBiz += t.frtBizSum;
    sums.resWall += t.resWallSum;
    sums.resBiz += t.resBizSum;
    sums.wait += t.waitSum;
    waited += t.waited;
    waitMax = Math.max(waitMax, t.waitMax);
    sla.firstMet += t.slaFirstMet;
    sla.firstBreached += t.slaFirstBreached;
    sla.resolutionMet += t.slaResolutionMet;
    sla.resolutionBreached += t.slaResolutionBreached;
    if (t.type === 'guarantee-claim')
      for (const [status, n] of Object.entries(t.byStatus))
        claims.set(status, (claims.get(status) ?? 0) + n);
    if (t.type === 'service-request') {
      serviceRequests.total += t.created;
      for (const [status, n] of Object.entries(t.byStatus))
        serviceRequests.byStatus.set(status, (serviceRequests.byStatus.get(status) ?? 0) + n);
      serviceRequests.byChannel.set(
        t.channel,
        (serviceRequests.byChannel.get(t.channel) ?? 0) + t.created,
      );
    }
    for (const { code, count: n } of t.faults) {
      const key = `${t.productModel}|${code}`;
      const cell = faults.get(key) ?? { productModel: t.productModel, faultCode: code, count: 0 };
      cell.count += n;
      faults.set(key, cell);
    }
    if (t.expert) {
      const e = expert(t.expert);
      e.handled += t.created;
      e.frtSum += t.frtWallSum;
      addTo(e.frt, t.frtWall);
      e.csatSum += csatSum(t.csat);
      e.csatCount += csatCount(t.csat);
    }
  }

  // Presence belongs to experts, not to channels or groups: with such filters, only experts
  // who appear in the filtered work get their online time.
  for (const [id, sec] of presence)
    if (!hasTicketFilters(f) || experts.has(id)) expert(id).onlineSec += sec;

  const totalsIn = [...byChannel.values()].reduce((s, c) => s + c.inbound, 0);
  const totalsOut = [...byChannel.values()].reduce((s, c) => s + c.outbound, 0);
  const names = await expertNames([...experts.keys()]);
  const faultRows = [...faults.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.productModel.localeCompare(b.productModel) ||
      a.faultCode.localeCompare(b.faultCode),
  );
  const faultTotal = faultRows.reduce((s, r) => s + r.count, 0);
  const descriptions = await faultDescriptions(faultRows.map((r) => r.productModel));
  let cumulative = 0;

  return {
    period,
    filters: f,
    volume: {
      contacts: totalsIn + totalsOut,
      inbound: totalsIn,
      outbound: totalsOut,
      tickets,
      byChannel: [...byChannel.entries()]
        .map(([channel, c]) => ({ channel, contacts: c.inbound + c.outbound, ...c }))
        .sort((a, b) => b.contacts - a.contacts || a.channel.localeCompare(b.channel)),
      byDay,
      /** heatmap[weekday 0 = Sunday][local hour]. */
      heatmap,
    },
    speed: {
      firstResponse: {
        wall: stats(sums.frtWall, hist.frtWall),
        business: stats(sums.frtBiz, hist.frtBiz),
      },
      resolution: {
        wall: stats(sums.resWall, hist.resWall),
        business: stats(sums.resBiz, hist.resBiz),
      },
      sla: {
        firstResponse: {
          met: sla.firstMet,
          breached: sla.firstBreached,
          percent: ratio(sla.firstMet, sla.firstMet + sla.firstBreached),
        },
        resolution: {
          met: sla.resolutionMet,
          breached: sla.resolutionBreached,
          percent: ratio(sla.resolutionMet, sla.resolutionMet + sla.resolutionBreached),
        },
      },
      breaches: breaches.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, BREACHES_LIMIT),
    },
    queue: {
      waited,
      averageWaitSec: average(sums.wait, waited),
      longestWaitSec: waited ? waitMax : null,
      medianWaitSec: quantile(hist.wait, 0.5),
      ...outcomes,
      callbacks,
    },
    experts: [...experts.entries()]
      .map(([id, e]) => ({
        expert: id,
        name: names.get(id) ?? id,
        handled: e.handled,
        contacts: e.contacts,
        averageHandlingSec: average(e.durationSum, e.durationCount),
        firstResponseAverageSec: average(e.frtSum, csatCount(e.frt)),
        firstResponseMedianSec: quantile(e.frt, 0.5),
        csatAverage: average(e.csatSum, e.csatCount),
        csatCount: e.csatCount,
        onlineSec: e.onlineSec,
      }))
      .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name)),
    satisfaction: {
      count: csatCount(csat),
      average: average(csatSum(csat), csatCount(csat)),
      distribution: csat.map((count, i) => ({ score: i + 1, count })),
      trend,
      comments: comments.sort((a, b) => b.at.localeCompare(a.at)).slice(0, COMMENTS_LIMIT),
    },
    afterSales: {
      claimsByStatus: [...claims.entries()]
        .map(([status, count]) => ({ status, count }))
        .sort((a, b) => b.count - a.count),
      /** Out-of-guarantee service requests (tickets of type service-request, portal or not). */
      serviceRequests: {
        total: serviceRequests.total,
        byStatus: counted(serviceRequests.byStatus, 'status'),
        byChannel: counted(serviceRequests.byChannel, 'channel'),
      },
      pareto: faultRows.map((r) => {
        cumulative += r.count;
        return {
          ...r,
          description: descriptions.get(`${r.productModel}|${r.faultCode}`) ?? null,
          percent: ratio(r.count, faultTotal) ?? 0,
          cumulativePercent: ratio(cumulative, faultTotal) ?? 0,
        };
      }),
    },
  };
}

/** Presence is per expert only; with ticket-side filters it is shown for experts who appear. */
const hasTicketFilters = (f: DimFilter) =>
  !!(f.channel || f.group || f.type || f.productModel || f.province || f.direction);

async function expertNames(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const users = await User.find({ _id: { $in: ids } }, { displayName: 1 }).lean<
    Array<{ _id: Types.ObjectId; displayName: string }>
  >();
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}

async function faultDescriptions(models: string[]) {
  const codes = [...new Set(models.filter(Boolean))];
  const out = new Map<string, { fa: string; en: string }>();
  if (!codes.length) return out;
  const products = await Product.find({ code: { $in: codes } }, { code: 1, faultCodes: 1 }).lean<
    Array<{
      code: string;
      faultCodes?: Array<{ code: string; description?: { fa: string; en: string } }>;
    }>
  >();
  for (const p of products)
    for (const fc of p.faultCodes ?? [])
      if (fc.description) out.set(`${p.code}|${fc.code}`, fc.description);
  return out;
}
