import mongoose, { Schema, type Types } from 'mongoose';
import type { DayRollup } from './cells.js';

/**
 * One document per local (Asia/Tehran) day holding every rollup cell of that day. Reports read
 * days by `_id`, the one lookup FerretDB serves from an index, so a 30-day report is 30 reads
 * whatever the size of the raw collections.
 */
const reportDaySchema = new Schema(
  {
    _id: { type: String, required: true },
    builtAt: { type: Date, required: true },
    weekday: { type: Number, required: true },
    interactions: { type: [Schema.Types.Mixed], default: [] },
    tickets: { type: [Schema.Types.Mixed], default: [] },
    callbacks: { type: [Schema.Types.Mixed], default: [] },
    presence: { type: [Schema.Types.Mixed], default: [] },
    breaches: { type: [Schema.Types.Mixed], default: [] },
    comments: { type: [Schema.Types.Mixed], default: [] },
  },
  { versionKey: false, minimize: false },
);

export type ReportDayDoc = DayRollup & { _id: string; builtAt: Date };
export const ReportDay = mongoose.model('ReportDay', reportDaySchema);

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
