import { gunzipSync, gzipSync } from 'node:zlib';
import mongoose, { Schema } from 'mongoose';
import {
  DIM_KEYS,
  matches,
  type BreachRow,
  type CommentRow,
  type DayRollup,
  type DimFilter,
  type TicketCell,
} from './cells.js';
import { addTo, emptyHistogram } from './histogram.js';

/**
 * Everything a report adds up from one day's cells under one filter: the day's share of every
 * section, mergeable by addition. Reports over many days merge these instead of walking the
 * fine cells, and the unfiltered and single-filter partials are stored per day (marginals), so
 * the common reports never decode the cells at all.
 */
export interface ExpertTotals {
  contacts: number;
  durationSum: number;
  durationCount: number;
  handled: number;
  frtSum: number;
  frt: number[];
  csatSum: number;
  csatCount: number;
}

export interface DayPartial {
  weekday: number;
  contacts: number;
  tickets: number;
  csat: number[];
  byChannel: Record<string, { inbound: number; outbound: number; tickets: number }>;
  hours: number[];
  experts: Record<string, ExpertTotals>;
  hist: Record<'frtWall' | 'frtBiz' | 'resWall' | 'resBiz' | 'wait', number[]>;
  sums: Record<'frtWall' | 'frtBiz' | 'resWall' | 'resBiz' | 'wait', number>;
  waited: number;
  waitMax: number;
  sla: {
    firstMet: number;
    firstBreached: number;
    resolutionMet: number;
    resolutionBreached: number;
  };
  outcomes: { abandonedChats: number; missedCalls: number };
  callbacks: { firstAttempt: number; later: number; never: number; pending: number };
  claims: Record<string, number>;
  faults: Record<string, { productModel: string; faultCode: string; count: number }>;
  serviceRequests: {
    total: number;
    byStatus: Record<string, number>;
    byChannel: Record<string, number>;
  };
  /** Online seconds per expert, narrowed by the expert filter only (see service.ts). */
  presence: Record<string, number>;
  breaches: BreachRow[];
  comments: CommentRow[];
}

const bump = (m: Record<string, number>, k: string, n: number) => {
  m[k] = (m[k] ?? 0) + n;
};
const csatSum = (c: readonly number[]) => c.reduce((s, n, i) => s + n * (i + 1), 0);
const csatCount = (c: readonly number[]) => c.reduce((s, n) => s + n, 0);

export function emptyPartial(weekday: number): DayPartial {
  return {
    weekday,
    contacts: 0,
    tickets: 0,
    csat: [0, 0, 0, 0, 0],
    byChannel: {},
    hours: new Array<number>(24).fill(0),
    experts: {},
    hist: {
      frtWall: emptyHistogram(),
      frtBiz: emptyHistogram(),
      resWall: emptyHistogram(),
      resBiz: emptyHistogram(),
      wait: emptyHistogram(),
    },
    sums: { frtWall: 0, frtBiz: 0, resWall: 0, resBiz: 0, wait: 0 },
    waited: 0,
    waitMax: 0,
    sla: { firstMet: 0, firstBreached: 0, resolutionMet: 0, resolutionBreached: 0 },
    outcomes: { abandonedChats: 0, missedCalls: 0 },
    callbacks: { firstAttempt: 0, later: 0, never: 0, pending: 0 },
    claims: {},
    faults: {},
    serviceRequests: { total: 0, byStatus: {}, byChannel: {} },
    presence: {},
    breaches: [],
    comments: [],
  };
}

export const newExpert = (): ExpertTotals => ({
  contacts: 0,
  durationSum: 0,
  durationCount: 0,
  handled: 0,
  frtSum: 0,
  frt: emptyHistogram(),
  csatSum: 0,
  csatCount: 0,
});

/** One day's cells added up under a filter. */
export function partialOf(r: DayRollup, f: DimFilter): DayPartial {
  const p = emptyPartial(r.weekday);
  const channel = (c: string) => (p.byChannel[c] ??= { inbound: 0, outbound: 0, tickets: 0 });
  const expert = (id: string) => (p.experts[id] ??= newExpert());
  for (const c of r.interactions) {
    if (!matches(c, f)) continue;
    p.contacts += c.count;
    channel(c.channel)[c.direction === 'in' ? 'inbound' : 'outbound'] += c.count;
    p.hours[c.hour]! += c.count;
    if (c.channel === 'webchat' && c.outcome === 'abandoned') p.outcomes.abandonedChats += c.count;
    if (
      c.channel === 'voice' &&
      c.direction === 'in' &&
      ['missed', 'no-answer', 'busy'].includes(c.outcome)
    )
      p.outcomes.missedCalls += c.count;
    if (c.expert) {
      const e = expert(c.expert);
      e.contacts += c.count;
      e.durationSum += c.durationSum;
      e.durationCount += c.durationCount;
    }
  }
  for (const t of r.tickets) {
    if (!matches(t, f)) continue;
    addTicket(p, t, expert);
    p.tickets += t.created;
    channel(t.channel).tickets += t.created;
    for (let i = 0; i < 5; i++) p.csat[i]! += t.csat[i] ?? 0;
  }
  for (const c of r.callbacks) {
    if (!matches(c, f)) continue;
    p.callbacks.firstAttempt += c.firstAttempt;
    p.callbacks.later += c.later;
    p.callbacks.never += c.never;
    p.callbacks.pending += c.pending;
  }
  for (const x of r.presence)
    if (!f.expert || x.expert === f.expert) bump(p.presence, x.expert, x.onlineSec);
  p.breaches = r.breaches.filter((b) => matches(b, f));
  p.comments = r.comments.filter((c) => matches(c, f));
  return p;
}

function addTicket(p: DayPartial, t: TicketCell, expert: (id: string) => ExpertTotals) {
  for (const k of ['frtWall', 'frtBiz', 'resWall', 'resBiz', 'wait'] as const)
    addTo(p.hist[k], t[k]);
  p.sums.frtWall += t.frtWallSum;
  p.sums.frtBiz += t.frtBizSum;
  p.sums.resWall += t.resWallSum;
  p.sums.resBiz += t.resBizSum;
  p.sums.wait += t.waitSum;
  p.waited += t.waited;
  p.waitMax = Math.max(p.waitMax, t.waitMax);
  p.sla.firstMet += t.slaFirstMet;
  p.sla.firstBreached += t.slaFirstBreached;
  p.sla.resolutionMet += t.slaResolutionMet;
  p.sla.resolutionBreached += t.slaResolutionBreached;
  if (t.type === 'guarantee-claim')
    for (const [status, n] of Object.entries(t.byStatus)) bump(p.claims, status, n);
  if (t.type === 'service-request') {
    p.serviceRequests.total += t.created;
    for (const [status, n] of Object.entries(t.byStatus))
      bump(p.serviceRequests.byStatus, status, n);
    bump(p.serviceRequests.byChannel, t.channel, t.created);
  }
  for (const { code, count } of t.faults) {
    const key = `${t.productModel}|${code}`;
    (p.faults[key] ??= { productModel: t.productModel, faultCode: code, count: 0 }).count += count;
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

/* ------------------------------------------------------------ stored marginals */

/**
 * The partial of a day without filters (`<day>||`) and under each single filter value present
 * that day (`<day>|channel|sms`, `<day>|expert|<id>`, ...), gzipped JSON read by `_id`.
 */
const reportMarginalSchema = new Schema(
  {
    _id: { type: String, required: true },
    day: { type: String, required: true },
    partial: { type: Buffer, required: true },
  },
  { versionKey: false },
);
export const ReportMarginal = mongoose.model('ReportMarginal', reportMarginalSchema);

type MarginalDim = (typeof DIM_KEYS)[number] | 'direction';
const MARGINAL_DIMS: readonly MarginalDim[] = [...DIM_KEYS, 'direction'];

export const marginalId = (day: string, dim: MarginalDim | '' = '', value = '') =>
  `${day}|${dim}|${value}`;

/** The one dimension a filter narrows, if it narrows at most one; undefined for several. */
export function singleDim(f: DimFilter): { dim: MarginalDim | ''; value: string } | undefined {
  const set = MARGINAL_DIMS.filter((k) => f[k] !== undefined);
  if (set.length === 0) return { dim: '', value: '' };
  if (set.length > 1) return undefined;
  return { dim: set[0]!, value: f[set[0]!]! };
}

/** Every marginal of a day: unfiltered, then each value of each dimension seen that day. */
export function marginalsOf(day: string, r: DayRollup) {
  const values = new Map<MarginalDim, Set<string>>(MARGINAL_DIMS.map((d) => [d, new Set()]));
  for (const cells of [r.interactions, r.tickets, r.callbacks, r.breaches, r.comments])
    for (const c of cells as unknown as Array<Record<string, unknown>>)
      for (const d of MARGINAL_DIMS) {
        const v = c[d];
        if (typeof v === 'string' && v) values.get(d)!.add(v);
      }
  for (const x of r.presence) values.get('expert')!.add(x.expert);
  // Direction narrows contact-log cells only: tickets count under both directions.
  values.set('direction', new Set(['in', 'out']));
  const out = [{ _id: marginalId(day), day, partial: packPartial(partialOf(r, {})) }];
  for (const [dim, set] of values)
    for (const value of set)
      out.push({
        _id: marginalId(day, dim, value),
        day,
        partial: packPartial(partialOf(r, { [dim]: value } as DimFilter)),
      });
  return out;
}

/** Replaces a day's marginals (values gone from the day lose theirs). */
export async function writeMarginals(day: string, r: DayRollup): Promise<void> {
  const docs = marginalsOf(day, r);
  await ReportMarginal.deleteMany({ day, _id: { $nin: docs.map((d) => d._id) } });
  await ReportMarginal.bulkWrite(
    docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
    { ordered: false },
  );
}

const packPartial = (p: DayPartial): Buffer => gzipSync(JSON.stringify(p));

export function unpackPartial(raw: Buffer | { buffer: Uint8Array }): DayPartial {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer);
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as DayPartial;
}
