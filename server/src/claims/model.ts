import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const CLAIM_STEPS = [
  'review',
  'approved',
  'rejected',
  'repaired-on-site',
  'sent-to-factory',
  'repaired',
  'replaced',
  'closed',
] as const;
export type ClaimStep = (typeof CLAIM_STEPS)[number];

/** Where a claim may go from each step (seed 28). */
export const NEXT_STEPS: Record<ClaimStep, readonly ClaimStep[]> = {
  review: ['approved', 'rejected'],
  approved: ['repaired-on-site', 'sent-to-factory'],
  rejected: ['closed'],
  'repaired-on-site': ['closed'],
  'sent-to-factory': ['repaired', 'replaced'],
  repaired: ['closed'],
  replaced: ['closed'],
  closed: [],
};

/** The guarantee-claim workflow of one ticket; `_id` is the ticket's id, so it is read by _id. */
const claimSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    step: { type: String, enum: CLAIM_STEPS, default: 'review' },
    rejectionReason: { type: String, default: null },
    shipment: { type: Schema.Types.ObjectId, ref: 'Shipment', default: null },
    trackingNumber: { type: String, default: null },
    sentAt: { type: Date, default: null },
    returnedAt: { type: Date, default: null },
    replacementSerial: { type: String, default: null },
    history: [
      {
        _id: false,
        step: { type: String, enum: CLAIM_STEPS, required: true },
        at: { type: Date, required: true },
        by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
        note: { type: String, default: null },
      },
    ],
  },
  { timestamps: true },
);

export type ClaimDoc = InferSchemaType<typeof claimSchema> & { _id: Types.ObjectId };
export const Claim = mongoose.model('Claim', claimSchema);
