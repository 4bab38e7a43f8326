import { gunzipSync, gzipSync } from 'node:zlib';
import mongoose, { Schema, type Types } from 'mongoose';
import type { DayRollup } from './cells.js';

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

export const packDay = (rollup: DayRollup): Buffer => gzipSync(JSON.stringify(rollup));

export function unpackDay(row: ReportDayRow): ReportDayDoc {
  const bytes = Buffer.isBuffer(row.cells) ? row.cells : Buffer.from(row.cells.buffer);
  const rollup = JSON.parse(gunzipSync(bytes).toString('utf8')) as DayRollup;
  return { ...rollup, _id: row._id, builtAt: row.builtAt };
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
