import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** Planned service at a customer's site (seed 37) or an inspection of a dealer (seed 15). */
const visitSchema = new Schema(
  {
    kind: { type: String, enum: ['customer-service', 'dealer-inspection'], required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
    dealer: { type: Schema.Types.ObjectId, ref: 'Dealer', default: null },
    technician: { type: Schema.Types.ObjectId, ref: 'Technician', default: null },
    inspector: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    plannedAt: { type: Date, required: true },
    status: { type: String, enum: ['planned', 'done', 'missed', 'canceled'], default: 'planned' },
    checklist: [{ _id: false, item: String, ok: Boolean, note: String }],
    score: { type: Number, min: 0, max: 100, default: null },
    findings: { type: String, default: '' },
    actions: { type: String, default: '' },
    report: {
      workDone: { type: String, default: '' },
      partsUsed: [String],
      faultCodes: [String],
      outcome: { type: String, default: '' },
      customerSignatureName: { type: String, default: '' },
      doneAt: { type: Date, default: null },
      /** Local (Asia/Tehran) day of doneAt, for the defect report's months. */
      doneDay: { type: String, default: null },
    },
  },
  { timestamps: true },
);
visitSchema.index({ status: 1, plannedAt: 1 });
visitSchema.index({ dealer: 1, plannedAt: -1 });
visitSchema.index({ unit: 1, plannedAt: -1 });
visitSchema.index({ technician: 1, plannedAt: 1 });

export type VisitDoc = InferSchemaType<typeof visitSchema> & { _id: Types.ObjectId };
export const Visit = mongoose.model('Visit', visitSchema);
