import { gunzipSync, gzipSync } from 'node:zlib';
import mongoose, { Schema, type Types } from 'mongoose';
import { DIM_KEYS, matches, type DayRollup, type DimFilter, type Dims } from './cells.js';

/**
 * One document per local (Asia/Tehran) day holding every rollup cell of that day, as gzipped
 * JSON. Reports read days by `_id`, the one lookup FerretDB serves from an index, so a 30-day
 * report is 30 reads whatever the size of the raw collections. The cells travel as one binary
 * value because FerretDB converts every field of every subdocument on read: 30 days of cells as
 * subdocuments took 3.6 s to read at 20,000 interactions, as one gzipped value each a few ms.
 */
const reportDaySchema = new Schema(
  {
    _id: { type: String, required: true },
    builtAt: { type: Date, required: true },
    cells: { type: Buffer, required: true },
  },
  { versionKey: false },
);

export interface ReportDayRow {
  _id: string;
  builtAt: Date;
  cells: Buffer | { buffer: Uint8Array };
}
export type ReportDayDoc = DayRollup & { _id: string; builtAt: Date };
export const ReportDay = mongoose.model('ReportDay', reportDaySchema);

/**
 * A day's cells as gzipped lines: a header (`{"v":2,"weekday","presence"}`), then one JSON cell
 * a line, each prefixed by its kind. Lines, not one JSON value, so that a report with several
 * filters parses only the lines that hold every filter's `"key":value` (checked again with
 * `matches` after parsing): a long filtered report otherwise spent most of its time parsing
 * cells it then threw away.
 */
const KINDS = {
  I: 'interactions',
  T: 'tickets',
  C: 'callbacks',
  B: 'breaches',
  M: 'comments',
} as const satisfies Record<string, Exclude<keyof DayRollup, 'weekday' | 'presence'>>;
type Kind = keyof typeof KINDS;

export function packDay(rollup: DayRollup): Buffer {
  const lines = [JSON.stringify({ v: 2, weekday: rollup.weekday, presence: rollup.presence })];
  for (const [kind, key] of Object.entries(KINDS) as Array<[Kind, (typeof KINDS)[Kind]]>)
    for (const cell of rollup[key]) lines.push(kind + JSON.stringify(cell));
  return gzipSync(lines.join('\n'));
}

/** The day's cells; with a filter, only those that pass it (presence is never narrowed here). */
export function unpackDay(row: ReportDayRow, filter: DimFilter = {}): ReportDayDoc {
  const bytes = Buffer.isBuffer(row.cells) ? row.cells : Buffer.from(row.cells.buffer);
  const text = gunzipSync(bytes).toString('utf8');
  const meta = { _id: row._id, builtAt: row.builtAt };
  if (!text.startsWith('{"v":2,')) {
    // Stored before the line format: one JSON value.
    const all = JSON.parse(text) as DayRollup;
    for (const key of Object.values(KINDS))
      (all[key] as Array<Partial<Dims>>) = all[key].filter((c) => matches(c, filter));
    return { ...all, ...meta };
  }
  const lines = text.split('\n');
  const header = JSON.parse(lines[0]!) as Pick<DayRollup, 'weekday' | 'presence'>;
  const day: DayRollup = {
    weekday: header.weekday,
    presence: header.presence,
    interactions: [],
    tickets: [],
    callbacks: [],
    breaches: [],
    comments: [],
  };
  const needles = DIM_KEYS.filter((k) => filter[k] !== undefined).map(
    (k) => `"${k}":${JSON.stringify(filter[k])}`,
  );
  const directionNeedle = filter.direction ? `"direction":"${filter.direction}"` : null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!needles.every((n) => line.includes(n))) continue;
    const kind = line[0] as Kind;
    if (kind === 'I' && directionNeedle && !line.includes(directionNeedle)) continue;
    const cell = JSON.parse(line.slice(1)) as Partial<Dims> & { direction?: string };
    if (!matches(cell, filter)) continue;
    (day[KINDS[kind]] as unknown[]).push(cell);
  }
  return { ...day, ...meta };
}

/** A closed stretch of time an expert was online (presence time in the experts report). */
const presenceIntervalSchema = new Schema(
  {
    expert: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    from: { type: Date, required: true },
    to: { type: Date, required: true },
  },
  { versionKey: false },
);
presenceIntervalSchema.index({ to: 1 });

export interface PresenceIntervalDoc {
  _id: Types.ObjectId;
  expert: Types.ObjectId;
  from: Date;
  to: Date;
}
export const PresenceInterval = mongoose.model('PresenceInterval', presenceIntervalSchema);
