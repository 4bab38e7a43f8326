import {
  CHANNELS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Priority,
  type TicketStatus,
} from '@cc/shared';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export {
  CHANNELS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Channel,
  type Priority,
  type TicketStatus,
  type TicketType,
} from '@cc/shared';
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'queued', 'assigned', 'pending'];

const timelineEntry = new Schema(
  {
    at: { type: Date, required: true },
    event: { type: String, required: true },
    actorKind: { type: String, enum: ['system', 'expert', 'contact'], required: true },
    actor: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    from: { type: String, default: null },
    to: { type: String, default: null },
    note: { type: String, default: null },
  },
  { _id: false },
);

const ticketSchema = new Schema(
  {
    number: { type: Number, required: true },
    subject: { type: String, default: '' },
    channel: { type: String, enum: CHANNELS, required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    type: { type: String, enum: TICKET_TYPES, default: 'question' },
    priority: { type: String, enum: PRIORITIES, default: 'normal' },
    /** Numeric priority for queue order (urgent first). */
    priorityRank: { type: Number, default: 1 },
    status: { type: String, enum: TICKET_STATUSES, default: 'new' },
    group: { type: Schema.Types.ObjectId, ref: 'ExpertGroup', default: null },
    assignee: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    entryPoint: { kind: { type: String, default: null }, value: { type: String, default: null } },
    faultCode: { type: String, default: null },
    tags: [String],
    queuedAt: { type: Date, default: null },
    assignedAt: { type: Date, default: null },
    firstResponseAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    lastMessageAt: { type: Date, default: null },
    lastCustomerMessageAt: { type: Date, default: null },
    sla: {
      firstResponseDueAt: { type: Date, default: null },
      resolutionDueAt: { type: Date, default: null },
      firstResponseBreached: { type: Boolean, default: false },
      resolutionBreached: { type: Boolean, default: false },
    },
    satisfaction: {
      score: { type: Number, min: 1, max: 5, default: null },
      comment: { type: String, default: null },
      at: { type: Date, default: null },
    },
    timeline: [timelineEntry],
    mergedInto: { type: Schema.Types.ObjectId, ref: 'Ticket', default: null },
    /** Local (Asia/Tehran) buckets written at creation for reports. */
    createdDay: { type: String, default: null },
    createdHour: { type: Number, default: null },
    createdWeekday: { type: Number, default: null },
  },
  { timestamps: true },
);

ticketSchema.index({ number: 1 }, { unique: true });
ticketSchema.index({ status: 1, group: 1, priorityRank: -1, queuedAt: 1 });
ticketSchema.index({ assignee: 1, status: 1 });
ticketSchema.index({ contact: 1, channel: 1, status: 1 });
ticketSchema.index({ updatedAt: -1 });
ticketSchema.index({ createdAt: -1 });
ticketSchema.index({ unit: 1 });

export type TicketDoc = InferSchemaType<typeof ticketSchema> & { _id: Types.ObjectId };
export const Ticket = mongoose.model('Ticket', ticketSchema);

export const ticketNumberLabel = (n: number): string => `T-${n}`;
