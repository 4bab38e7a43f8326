import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { isValidJalaaliDate, toGregorian } from 'jalaali-js';
import type { Types } from 'mongoose';
import { audit } from '../audit/model.js';
import { Contact } from '../contacts/model.js';
import { findContactBy, findOrCreateContact } from '../contacts/service.js';
import { isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { logger } from '../core/logger.js';
import { normalisePhone, toLatinDigits } from '../core/phone.js';
import { redis, redisKey } from '../core/redis.js';
import { Dealer } from '../dealers/model.js';
import { Product, Unit, type UnitDoc } from './model.js';
import { serial as serialSchema } from './schema.js';
import type { UnitImportProblem, UnitImportProblemCode, UnitImportReport } from '@cc/shared';

/** Files with more rows than this are imported in the background (202 + progress record). */
export const SYNC_ROW_LIMIT = 500;
/** Rows written per round trip; the progress record is updated after each batch. */
export const BATCH_SIZE = 250;
/** Bad rows listed in the report; beyond this only the count grows. */
export const MAX_PROBLEMS = 10_000;
const MAX_ROWS = 200_000;
/** Progress records live a day: long enough to read the report, short enough to not pile up. */
const RECORD_TTL_SECONDS = 24 * 3600;
/** A running import whose record was not touched for this long died with its process. */
const STALE_MS = 2 * 60 * 1000;

const REQUIRED_COLUMNS = ['serial', 'productCode', 'productionDate', 'deliveryDate'] as const;
const OPTIONAL_COLUMNS = ['ownerPhone', 'dealerCode'] as const;
const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

interface ParsedRow {
  line: number;
  serial: string;
  productCode: string;
  product: Types.ObjectId;
  productionDate: Date;
  deliveryDate: Date | null;
  ownerPhone: string | null;
  dealer: Types.ObjectId | null;
}

class RowError extends Error {
  constructor(
    readonly code: UnitImportProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/**
 * A calendar date as midnight UTC. `YYYY-MM-DD` (or `/`) is Gregorian; a year before 1700 is a
 * Jalali (Solar Hijri) year, e.g. `1402/05/10` or `۱۴۰۲/۰۵/۱۰`, converted with jalaali-js.
 */
export function parseCalendarDate(input: string): Date {
  const m = DATE.exec(toLatinDigits(input).trim());
  if (!m) throw new RowError('invalid_date', `"${input}" is not a date (YYYY-MM-DD or 1402/05/10)`);
  let [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1700) {
    if (!isValidJalaaliDate(y, mo, d))
      throw new RowError('invalid_date', `"${input}" is not a real Jalali date`);
    const g = toGregorian(y, mo, d);
    [y, mo, d] = [g.gy, g.gm, g.gd];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    throw new RowError('invalid_date', `"${input}" is not a real calendar date`);
  return date;
}

interface Lookups {
  products: Map<string, Types.ObjectId>;
  dealers: Map<string, Types.ObjectId>;
}

async function loadLookups(): Promise<Lookups> {
  const [products, dealers] = await Promise.all([
    Product.find({}, { code: 1 }).lean<Array<{ _id: Types.ObjectId; code: string }>>(),
    Dealer.find({}, { code: 1 }).lean<Array<{ _id: Types.ObjectId; code: string }>>(),
  ]);
  return {
    products: new Map(products.map((p) => [p.code, p._id])),
    dealers: new Map(dealers.map((d) => [d.code, d._id])),
  };
}

function validateRow(
  line: number,
  cells: Record<string, string>,
  lookups: Lookups,
  now: Date,
): ParsedRow {
  const serial = serialSchema.safeParse(cells.serial ?? '');
  if (!serial.success)
    throw new RowError('invalid_serial', `Serial "${cells.serial ?? ''}" is not valid`);
  const productCode = (cells.productCode ?? '').trim().toUpperCase();
  const product = lookups.products.get(productCode);
  if (!product)
    throw new RowError('unknown_product', `No product model with code "${productCode}"`);
  const productionDate = parseCalendarDate(cells.productionDate ?? '');
  const deliveryDate = cells.deliveryDate?.trim() ? parseCalendarDate(cells.deliveryDate) : null;
  if (productionDate > now)
    throw new RowError('production_in_future', 'The production date is in the future');
  if (deliveryDate && deliveryDate < productionDate)
    throw new RowError('delivery_before_production', 'The delivery date is before production');
  let ownerPhone: string | null = null;
  if (cells.ownerPhone?.trim()) {
    ownerPhone = normalisePhone(cells.ownerPhone);
    if (!ownerPhone)
      throw new RowError('invalid_phone', `"${cells.ownerPhone}" is not a valid phone number`);
  }
  let dealer: Types.ObjectId | null = null;
  const dealerCode = cells.dealerCode?.trim().toUpperCase();
  if (dealerCode) {
    dealer = lookups.dealers.get(dealerCode) ?? null;
    if (!dealer) throw new RowError('unknown_dealer', `No dealer with code "${dealerCode}"`);
  }
  return {
    line,
    serial: serial.data,
    productCode,
    product,
    productionDate,
    deliveryDate,
    ownerPhone,
    dealer,
  };
}

export interface PreparedImport {
  rows: ParsedRow[];
  problems: UnitImportProblem[];
  total: number;
}

/**
 * Parses and validates the whole file before anything is written. A file that is not CSV at all
 * (no header, an unclosed quote) is refused as a whole (422); bad rows are only reported.
 */
export async function prepareImport(csv: string, now = new Date()): Promise<PreparedImport> {
  const parser = parse(csv, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  // The async iterator below rethrows parse errors; this keeps a late 'error' event (emitted
  // after the iterator let go of the stream) from becoming an uncaught exception.
  parser.on('error', () => undefined);
  let header: string[] | null = null;
  const lookups = await loadLookups();
  const rows: ParsedRow[] = [];
  const problems: UnitImportProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let total = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = REQUIRED_COLUMNS.filter((c) => !header!.includes(c));
        const unknown = header.filter((h) => !KNOWN_COLUMNS.includes(h));
        if (missing.length || unknown.length)
          throw unprocessable(
            'invalid_csv_header',
            `The first line must name the columns ${KNOWN_COLUMNS.join(', ')}` +
              (missing.length ? `; missing: ${missing.join(', ')}` : '') +
              (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
          );
        continue;
      }
      total += 1;
      if (total > MAX_ROWS)
        throw unprocessable('too_many_rows', `A file may hold at most ${MAX_ROWS} rows`);
      // info.lines is the line the record ends on; a quoted cell may span lines.
      const line = info.lines;
      if (record.length !== header.length) {
        problems.push({
          line,
          serial: null,
          code: 'wrong_column_count',
          reason: `Expected ${header.length} cells, found ${record.length}`,
        });
        continue;
      }
      const cells = Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
      try {
        const row = validateRow(line, cells, lookups, now);
        const first = firstLineOf.get(row.serial);
        if (first !== undefined)
          throw new RowError('duplicate_in_file', `Serial also on line ${first} of this file`);
        firstLineOf.set(row.serial, line);
        rows.push(row);
      } catch (err) {
        if (!(err instanceof RowError)) throw err;
        problems.push({
          line,
          serial: cells.serial?.trim() || null,
          code: err.code,
          reason: err.message,
        });
      }
      if (total % 1000 === 0) await nextTurn();
    }
  } catch (err) {
    if (err instanceof CsvError)
      throw unprocessable('invalid_csv', `The file is not valid CSV: ${err.message}`, {
        line: (err as CsvError & { lines?: number }).lines ?? null,
      });
    throw err;
  }
  if (!header) throw unprocessable('invalid_csv_header', 'The file is empty');
  return { rows, problems, total };
}

const sameDay = (a: Date | null | undefined, b: Date | null) =>
  (a ? a.getTime() : null) === (b ? b.getTime() : null);

/** The columns in which an already registered unit differs from the row (none: unchanged). */
async function differences(
  existing: UnitDoc,
  row: ParsedRow,
  owners: Map<string, Types.ObjectId>,
): Promise<string[]> {
  const diffs: string[] = [];
  if (existing.productCode !== row.productCode) diffs.push('productCode');
  if (!sameDay(existing.productionDate, row.productionDate)) diffs.push('productionDate');
  if (!sameDay(existing.deliveryDate, row.deliveryDate)) diffs.push('deliveryDate');
  // Optional columns left empty say nothing, so they cannot disagree.
  if (row.dealer && String(existing.dealer) !== String(row.dealer)) diffs.push('dealerCode');
  if (row.ownerPhone) {
    let owner = owners.get(row.ownerPhone);
    if (!owner) {
      owner = (await findContactBy('phone', row.ownerPhone))?._id;
      if (owner) owners.set(row.ownerPhone, owner);
    }
    if (!owner || String(owner) !== String(existing.owner)) diffs.push('ownerPhone');
  }
  return diffs;
}

type Counts = Pick<UnitImportReport, 'created' | 'unchanged' | 'conflicts' | 'invalid'>;

async function processBatch(
  batch: ParsedRow[],
  counts: Counts,
  addProblem: (p: UnitImportProblem) => void,
  owners: Map<string, Types.ObjectId>,
): Promise<void> {
  const existing = new Map(
    (await Unit.find({ serial: { $in: batch.map((r) => r.serial) } }).lean<UnitDoc[]>()).map(
      (u) => [u.serial, u],
    ),
  );
  const fresh: ParsedRow[] = [];
  const compare = async (row: ParsedRow, unit: UnitDoc) => {
    const diffs = await differences(unit, row, owners);
    if (!diffs.length) {
      counts.unchanged += 1;
      return;
    }
    counts.conflicts += 1;
    addProblem({
      line: row.line,
      serial: row.serial,
      code: 'conflict',
      reason: `Serial already registered with a different ${diffs.join(', ')}; not overwritten`,
    });
  };
  for (const row of batch) {
    const unit = existing.get(row.serial);
    if (unit) await compare(row, unit);
    else fresh.push(row);
  }
  if (!fresh.length) return;

  for (const row of fresh) {
    if (row.ownerPhone && !owners.has(row.ownerPhone)) {
      const contact = await findOrCreateContact({ phone: row.ownerPhone });
      owners.set(row.ownerPhone, contact._id);
    }
  }
  const docs = fresh.map((row) => ({
    serial: row.serial,
    product: row.product,
    productCode: row.productCode,
    productionDate: row.productionDate,
    deliveryDate: row.deliveryDate,
    owner: row.ownerPhone ? owners.get(row.ownerPhone)! : null,
    dealer: row.dealer,
  }));
  try {
    await Unit.insertMany(docs, { ordered: true });
    counts.created += docs.length;
  } catch (err) {
    if (!isDuplicateKeyError(err) && !isBulkDuplicate(err)) throw err;
    // Someone registered some of these serials meanwhile (another import, the console): one by one.
    for (const [i, doc] of docs.entries()) {
      try {
        await Unit.create(doc);
        counts.created += 1;
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        const unit = await Unit.findOne({ serial: doc.serial }).lean<UnitDoc>();
        if (unit) await compare(fresh[i]!, unit);
      }
    }
  }
  // Owning a registered unit makes a potential customer an actual one (seed duty 23).
  const ownerIds = [...new Set(docs.flatMap((d) => (d.owner ? [String(d.owner)] : [])))];
  if (ownerIds.length)
    await Contact.updateMany(
      { _id: { $in: ownerIds }, segment: 'potential' },
      { $set: { segment: 'actual' } },
    );
}

function isBulkDuplicate(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: unknown[] } | null)?.writeErrors;
  return Array.isArray(writeErrors) && writeErrors.some((e) => isDuplicateKeyError(e));
}

const recordKey = (id: string) => redisKey('import', id);

async function saveReport(report: UnitImportReport): Promise<void> {
  await redis().set(recordKey(report.id), JSON.stringify(report), 'EX', RECORD_TTL_SECONDS);
}

export async function getImportReport(id: string): Promise<UnitImportReport> {
  const raw = await redis().get(recordKey(id));
  if (!raw) throw notFound('Import');
  const report = JSON.parse(raw) as UnitImportReport;
  if (report.status === 'running' && Date.now() - Date.parse(report.updatedAt) > STALE_MS)
    return { ...report, status: 'interrupted' };
  return report;
}

/** Writes the prepared rows in batches, keeping the progress record current. */
export async function runImport(
  id: string,
  prepared: PreparedImport,
  actorId: string | null,
): Promise<UnitImportReport> {
  const now = new Date().toISOString();
  const report: UnitImportReport = {
    id,
    status: 'running',
    total: prepared.total,
    processed: prepared.problems.length,
    created: 0,
    unchanged: 0,
    conflicts: 0,
    invalid: prepared.problems.length,
    problems: prepared.problems.slice(0, MAX_PROBLEMS),
    problemsTruncated: Math.max(0, prepared.problems.length - MAX_PROBLEMS),
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  const addProblem = (p: UnitImportProblem) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
    else report.problemsTruncated += 1;
  };
  await saveReport(report);
  const owners = new Map<string, Types.ObjectId>();
  try {
    for (let i = 0; i < prepared.rows.length; i += BATCH_SIZE) {
      const batch = prepared.rows.slice(i, i + BATCH_SIZE);
      await processBatch(batch, report, addProblem, owners);
      report.processed += batch.length;
      report.updatedAt = new Date().toISOString();
      await saveReport(report);
    }
    report.problems.sort((a, b) => a.line - b.line);
    report.status = 'done';
  } catch (err) {
    logger.error({ err, importId: id }, 'unit import failed');
    report.status = 'failed';
  }
  report.finishedAt = report.updatedAt = new Date().toISOString();
  await saveReport(report);
  await audit({
    actor: actorId,
    action: 'unit.import',
    targetKind: 'import',
    targetId: id,
    details: {
      total: report.total,
      created: report.created,
      unchanged: report.unchanged,
      conflicts: report.conflicts,
      invalid: report.invalid,
      status: report.status,
    },
  });
  return report;
}

/**
 * Small files are imported while the caller waits; larger ones in the background of this process
 * with progress in Redis. If the process dies mid-way the record turns 'interrupted' and the same
 * file can simply be sent again: rows already imported come back 'unchanged'.
 */
export async function importUnitsCsv(
  csv: string,
  actorId: string | null,
): Promise<{ sync: true; report: UnitImportReport } | { sync: false; id: string; total: number }> {
  const prepared = await prepareImport(csv);
  const id = randomUUID();
  if (prepared.total <= SYNC_ROW_LIMIT)
    return { sync: true, report: await runImport(id, prepared, actorId) };
  // The first record is written before answering, so a GET right after the 202 finds it.
  const started = new Date().toISOString();
  await saveReport({
    id,
    status: 'running',
    total: prepared.total,
    processed: 0,
    created: 0,
    unchanged: 0,
    conflicts: 0,
    invalid: 0,
    problems: [],
    problemsTruncated: 0,
    startedAt: started,
    updatedAt: started,
    finishedAt: null,
  });
  void runImport(id, prepared, actorId).catch((err: unknown) =>
    logger.error({ err, importId: id }, 'unit import failed'),
  );
  return { sync: false, id, total: prepared.total };
}
