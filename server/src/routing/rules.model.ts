import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const ENTRY_KINDS = [
  'webchat-topic',
  'ivr-digit',
  'mailbox',
  'sms-number',
  'voice-number',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const RULE_KINDS = ['entry-point', 'product-model', 'ticket-type'] as const;

/**
 * Admin-edited routing rules. Evaluated entry point first, then product model, then ticket
 * type; within a kind, lower `order` first. No rule matches: the default group.
 */
const ruleSchema = new Schema(
  {
    kind: { type: String, enum: RULE_KINDS, required: true },
    entryKind: { type: String, enum: [...ENTRY_KINDS, null], default: null },
    value: { type: String, required: true },
    group: { type: Schema.Types.ObjectId, ref: 'ExpertGroup', required: true },
    order: { type: Number, default: 100 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
ruleSchema.index({ kind: 1, entryKind: 1, value: 1 }, { unique: true });

export type RoutingRuleDoc = InferSchemaType<typeof ruleSchema> & { _id: Types.ObjectId };
export const RoutingRule = mongoose.model('RoutingRule', ruleSchema);
