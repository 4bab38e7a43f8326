import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const OUTCOMES = [
  'received',
  'answered',
  'missed',
  'no-answer',
  'busy',
  'failed',
  'canceled',
  'voicemail',
  'callback-requested',
  'abandoned',
  'offline-message',
  'queued',
  'sent',
  'delivered',
  'undelivered',
  'bounced',
  'resolved',
  'completed',
  'visit',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The contact log (seed duty 24): who, when, on what channel, and the outcome. Never deleted. */
const interactionSchema = new Schema(
  {
    channel: { type: String, required: true },
    direction: { type: String, enum: ['in', 'out'], required: true },
    caller: {
      kind: { type: String, enum: ['phone', 'email', 'visitor', 'staff'], required: true },
      value: { type: String, required: true },
    },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
    expert: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', default: null },
    message: { type: Schema.Types.ObjectId, ref: 'Message', default: null },
    group: { type: Schema.Types.ObjectId, ref: 'ExpertGroup', default: null },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    durationSec: { type: Number, default: null },
    outcome: { type: String, enum: OUTCOMES, required: true },
    /** Provider id for a call leg or a message, so status callbacks find their row. */
    externalId: { type: String, default: null },
    note: { type: String, default: null },
    /** Local (Asia/Tehran) buckets written at creation for reports. */
    localDay: { type: String, required: true },
    localHour: { type: Number, required: true },
    localWeekday: { type: Number, required: true },
  },
  { timestamps: true },
);

interactionSchema.index({ startedAt: -1 });
interactionSchema.index({ contact: 1, startedAt: -1 });
interactionSchema.index({ expert: 1, startedAt: -1 });
interactionSchema.index({ channel: 1, outcome: 1, startedAt: -1 });
interactionSchema.index({ ticket: 1 });
interactionSchema.index({ externalId: 1 });
interactionSchema.index({ localDay: 1, channel: 1 });

export type InteractionDoc = InferSchemaType<typeof interactionSchema> & { _id: Types.ObjectId };
export const Interaction = mongoose.model('Interaction', interactionSchema);
