import type { Types } from 'mongoose';
import { Product } from '../products/model.js';
import { User } from '../users/model.js';
import type { DimFilter } from './cells.js';
import { quantile } from './histogram.js';
import { weekdayOfDay } from './local-days.js';
import { ReportDay, unpackDay, type ReportDayDoc, type ReportDayRow } from './model.js';
import {
  ReportMarginal,
  emptyPartial,
  newExpert,
  marginalId,
  partialOf,
  singleDim,
  unpackPartial,
  type DayPartial,
  type ExpertTotals,
} from './partial.js';
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

/**
 * Reads the days' rollups by _id (with a filter, only the cells that pass it); days never built
 * yet are built first.
 */
export async function loadDays(
  days: readonly string[],
  filter: DimFilter = {},
): Promise<Map<string, ReportDayDoc>> {
  const found = new Map<string, ReportDayDoc>();
  const read = async (batch: readonly string[]) => {
    const rows = await Promise.all(batch.map((d) => ReportDay.findById(d).lean<ReportDayRow>()));
    for (const row of rows) if (row) found.set(row._id, unpackDay(row, filter));
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

const csatSum = (c: readonly number[]) => c.reduce((s, n, i) => s + n * (i + 1), 0);
const csatCount = (c: readonly number[]) => c.reduce((s, n) => s + n, 0);

/**
 * Each day's partial for the filter: the stored marginal when the filter narrows at most one
 * dimension (no cells decoded), otherwise computed from the day's cells.
 */
export async function loadPartials(
  days: readonly string[],
  f: DimFilter,
): Promise<Map<string, DayPartial>> {
  const single = singleDim(f);
  if (!single) {
    const rollups = await loadDays(days, f);
    return new Map([...rollups].map(([day, r]) => [day, partialOf(r, f)]));
  }
  const found = new Map<string, DayPartial>();
  const read = async (ids: string[]) => {
    const rows: Array<{ _id: string; partial: Buffer } | null> = [];
    for (let i = 0; i < ids.length; i += READ_CONCURRENCY)
      rows.push(
        ...(await Promise.all(
          ids
            .slice(i, i + READ_CONCURRENCY)
            .map((id) => ReportMarginal.findById(id).lean<{ _id: string; partial: Buffer }>()),
        )),
      );
    return new Map(rows.filter((r) => !!r).map((r) => [r._id.split('|')[0]!, r.partial]));
  };
  const want = (ds: readonly string[]) => ds.map((d) => marginalId(d, single.dim, single.value));
  for (const [day, raw] of await read(want(days))) found.set(day, unpackPartial(raw));
  let missing = days.filter((d) => !found.has(d));
  if (missing.length && single.dim) {
    // A built day without this value has no marginal for it: an empty share, but the online
    // time of experts still counts (it is narrowed by the expert filter only).
    const built = await read(missing.map((d) => marginalId(d)));
    for (const [day, raw] of built) {
      const empty = emptyPartial(weekdayOfDay(day));
      const { presence } = unpackPartial(raw);
      if (single.dim !== 'expert') empty.presence = presence;
      else if (presence[single.value] !== undefined)
        empty.presence = { [single.value]: presence[single.value]! };
      found.set(day, empty);
    }
    missing = missing.filter((d) => !found.has(d));
  }
  if (missing.length) {
    await buildReportDays(missing);
    for (const [day, raw] of await read(want(missing))) found.set(day, unpackPartial(raw));
    for (const day of missing) if (!found.has(day)) found.set(day, emptyPartial(weekdayOfDay(day)));
  }
  return found;
}

export type Report = Awaited<ReturnType<typeof buildReport>>;

/** Every section of the report for a period and filters, from the days' rollups. */
export async function buildReport(q: ReportQuery, now = new Date()) {
  const period = resolvePeriod(q, now);
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
    loadPartials(period.days, filter).then((partials) => compose(period, filter, partials)),
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

async function compose(period: Period, f: DimFilter, partials: Map<string, DayPartial>) {
  const byChannel = new Map<string, { inbound: number; outbound: number; tickets: number }>();
  const byDay: Array<{ day: string; contacts: number; tickets: number }> = [];
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const experts = new Map<string, ExpertTotals & { onlineSec: number }>();
  const expert = (id: string) => {
    let e = experts.get(id);
    if (!e) experts.set(id, (e = { ...newExpert(), onlineSec: 0 }));
    return e;
  };
  const all = emptyPartial(0);
  const trend: Array<{ day: string; count: number; average: number | null }> = [];
  const breaches: DayPartial['breaches'] = [];
  const comments: DayPartial['comments'] = [];
  const presence = new Map<string, number>();
  const add = (target: number[], source: readonly number[]) =>
    source.forEach((n, i) => (target[i] = (target[i] ?? 0) + n));
  const addCounts = (target: Record<string, number>, source: Record<string, number>) => {
    for (const [k, n] of Object.entries(source)) target[k] = (target[k] ?? 0) + n;
  };

  for (const day of period.days) {
    const p = partials.get(day);
    if (!p) {
      byDay.push({ day, contacts: 0, tickets: 0 });
      trend.push({ day, count: 0, average: null });
      continue;
    }
    byDay.push({ day, contacts: p.contacts, tickets: p.tickets });
    trend.push({
      day,
      count: csatCount(p.csat),
      average: average(csatSum(p.csat), csatCount(p.csat)),
    });
    all.contacts += p.contacts;
    all.tickets += p.tickets;
    add(all.csat, p.csat);
    add(heatmap[p.weekday]!, p.hours);
    for (const [c, row] of Object.entries(p.byChannel)) {
      const to = byChannel.get(c) ?? { inbound: 0, outbound: 0, tickets: 0 };
      to.inbound += row.inbound;
      to.outbound += row.outbound;
      to.tickets += row.tickets;
      byChannel.set(c, to);
    }
    for (const [id, e] of Object.entries(p.experts)) {
      const to = expert(id);
      to.contacts += e.contacts;
      to.durationSum += e.durationSum;
      to.durationCount += e.durationCount;
      to.handled += e.handled;
      to.frtSum += e.frtSum;
      add(to.frt, e.frt);
      to.csatSum += e.csatSum;
      to.csatCount += e.csatCount;
    }
    for (const k of ['frtWall', 'frtBiz', 'resWall', 'resBiz', 'wait'] as const) {
      add(all.hist[k], p.hist[k]);
      all.sums[k] += p.sums[k];
    }
    all.waited += p.waited;
    all.waitMax = Math.max(all.waitMax, p.waitMax);
    for (const k of Object.keys(all.sla) as Array<keyof DayPartial['sla']>) all.sla[k] += p.sla[k];
    all.outcomes.abandonedChats += p.outcomes.abandonedChats;
    all.outcomes.missedCalls += p.outcomes.missedCalls;
    for (const k of Object.keys(all.callbacks) as Array<keyof DayPartial['callbacks']>)
      all.callbacks[k] += p.callbacks[k];
    addCounts(all.claims, p.claims);
    for (const [key, x] of Object.entries(p.faults))
      (all.faults[key] ??= { ...x, count: 0 }).count += x.count;
    all.serviceRequests.total += p.serviceRequests.total;
    addCounts(all.serviceRequests.byStatus, p.serviceRequests.byStatus);
    addCounts(all.serviceRequests.byChannel, p.serviceRequests.byChannel);
    for (const [id, sec] of Object.entries(p.presence))
      presence.set(id, (presence.get(id) ?? 0) + sec);
    breaches.push(...p.breaches);
    comments.push(...p.comments);
  }
  const { hist, sums, sla, outcomes, callbacks, csat, waited, waitMax } = all;
  const tickets = all.tickets;
  const claims = new Map(Object.entries(all.claims));
  const faults = new Map(Object.entries(all.faults));
  const serviceRequests = {
    total: all.serviceRequests.total,
    byStatus: new Map(Object.entries(all.serviceRequests.byStatus)),
    byChannel: new Map(Object.entries(all.serviceRequests.byChannel)),
  };

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
