import type { Types } from 'mongoose';
import { Product, Unit } from '../products/model.js';
import { Ticket } from '../tickets/model.js';
import { Visit } from '../visits/model.js';
import type { DefectReport, DefectReportQuery } from './schema.js';

interface Bucket {
  _id: { unit: Types.ObjectId | null; faultCode: string; day: string | null };
  count: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** Sorts by count, largest first; ties by key so the order is stable. */
const byCountThen =
  <T extends { count: number }>(key: (t: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || key(a).localeCompare(key(b));

function tally<K>(entries: Iterable<[K, number]>): Map<K, number> {
  const m = new Map<K, number>();
  for (const [k, n] of entries) m.set(k, (m.get(k) ?? 0) + n);
  return m;
}

/**
 * Tickets with a fault code and on-site visits' fault codes, counted by product model, fault code
 * and month (seed (c)). Only $match/$group($sum): the unit is resolved to its model in
 * code, the month is cut from the stored local day (`createdDay`, `report.doneDay`, Asia/Tehran).
 */
export async function defectReport(q: DefectReportQuery): Promise<DefectReport> {
  const match: Record<string, unknown> = {
    faultCode: { $nin: [null, ''] },
    mergedInto: null,
  };
  if (q.from || q.to) {
    const range: Record<string, string> = {};
    if (q.from) range.$gte = q.from;
    if (q.to) range.$lte = q.to;
    match.createdDay = range;
  }
  if (q.productCode) {
    const units = await Unit.find({ productCode: q.productCode }, { _id: 1 }).lean<
      Array<{ _id: Types.ObjectId }>
    >();
    match.unit = { $in: units.map((u) => u._id) };
  }
  const buckets = await Ticket.aggregate<Bucket>([
    { $match: match },
    {
      $group: {
        _id: { unit: '$unit', faultCode: '$faultCode', day: '$createdDay' },
        count: { $sum: 1 },
      },
    },
  ]);
  buckets.push(...(await visitBuckets(q, match.unit)));

  const unitIds = [...new Set(buckets.flatMap((b) => (b._id.unit ? [String(b._id.unit)] : [])))];
  const units = unitIds.length
    ? await Unit.find({ _id: { $in: unitIds } }, { productCode: 1 }).lean<
        Array<{ _id: Types.ObjectId; productCode: string }>
      >()
    : [];
  const modelOf = new Map(units.map((u) => [String(u._id), u.productCode]));

  // (model, fault code, month) -> count; null model = a ticket without a (known) unit.
  const cells = new Map<
    string,
    { productCode: string | null; faultCode: string; month: string; count: number }
  >();
  for (const b of buckets) {
    const productCode = b._id.unit ? (modelOf.get(String(b._id.unit)) ?? null) : null;
    const month = b._id.day ? b._id.day.slice(0, 7) : 'unknown';
    const key = JSON.stringify([productCode, b._id.faultCode, month]);
    const cell = cells.get(key) ?? { productCode, faultCode: b._id.faultCode, month, count: 0 };
    cell.count += b.count;
    cells.set(key, cell);
  }
  const rows = [...cells.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      (a.productCode ?? '').localeCompare(b.productCode ?? '') ||
      a.faultCode.localeCompare(b.faultCode),
  );
  const total = rows.reduce((s, r) => s + r.count, 0);

  const byModel = [...tally(rows.map((r) => [r.productCode, r.count]))]
    .map(([productCode, count]) => ({ productCode, count }))
    .sort(byCountThen((r) => r.productCode ?? ''));
  const byFaultCode = [...tally(rows.map((r) => [r.faultCode, r.count]))]
    .map(([faultCode, count]) => ({ faultCode, count }))
    .sort(byCountThen((r) => r.faultCode));
  const byMonth = [...tally(rows.map((r) => [r.month, r.count]))]
    .map(([month, count]) => ({ month, count }))
    .sort((a, b) => a.month.localeCompare(b.month));

  // Pareto over (model, fault code): the same code can mean different faults on two models.
  const pairs = [...tally(rows.map((r) => [JSON.stringify([r.productCode, r.faultCode]), r.count]))]
    .map(([key, count]) => {
      const [productCode, faultCode] = JSON.parse(key) as [string | null, string];
      return { productCode, faultCode, count };
    })
    .sort(byCountThen((r) => `${r.productCode ?? ''}\u0000${r.faultCode}`));
  const descriptions = await faultDescriptions(pairs.map((p) => p.productCode));
  let running = 0;
  const pareto = pairs.map((p) => {
    running += p.count;
    return {
      ...p,
      description: (p.productCode && descriptions.get(`${p.productCode} ${p.faultCode}`)) || null,
      percent: round1((100 * p.count) / total),
      cumulativePercent: round1((100 * running) / total),
    };
  });

  return {
    from: q.from ?? null,
    to: q.to ?? null,
    productCode: q.productCode ?? null,
    total,
    rows,
    byModel,
    byFaultCode,
    byMonth,
    pareto,
  };
}

/**
 * Fault codes found on on-site visits (seed 37), counted like tickets' by the visit's local day.
 * Tallied in code: FerretDB does not group on a field inside an unwound sub-document.
 */
async function visitBuckets(q: DefectReportQuery, unitFilter: unknown): Promise<Bucket[]> {
  const match: Record<string, unknown> = { kind: 'customer-service', status: 'done' };
  if (q.from || q.to) {
    const range: Record<string, string> = {};
    if (q.from) range.$gte = q.from;
    if (q.to) range.$lte = q.to;
    match['report.doneDay'] = range;
  }
  if (unitFilter) match.unit = unitFilter;
  const visits = await Visit.find(match, { unit: 1, report: 1 }).lean<
    Array<{ unit: Types.ObjectId | null; report: { faultCodes: string[]; doneDay: string | null } }>
  >();
  const counts = new Map<string, Bucket>();
  for (const v of visits) {
    for (const faultCode of v.report.faultCodes) {
      const id = { unit: v.unit, faultCode, day: v.report.doneDay };
      const key = JSON.stringify(id);
      const bucket = counts.get(key) ?? { _id: id, count: 0 };
      bucket.count += 1;
      counts.set(key, bucket);
    }
  }
  return [...counts.values()];
}

/** The models' fault-code catalogues, keyed "MODEL CODE". */
async function faultDescriptions(codes: Array<string | null>) {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  const map = new Map<string, { fa: string; en: string }>();
  if (!wanted.length) return map;
  const products = await Product.find({ code: { $in: wanted } }, { code: 1, faultCodes: 1 }).lean<
    Array<{
      code: string;
      faultCodes: Array<{
        code?: string | null;
        description?: { fa?: string | null; en?: string | null } | null;
      }>;
    }>
  >();
  for (const p of products)
    for (const f of p.faultCodes ?? [])
      if (f.code)
        map.set(`${p.code} ${f.code}`, {
          fa: f.description?.fa ?? '',
          en: f.description?.en ?? '',
        });
  return map;
}
