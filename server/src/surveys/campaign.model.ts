import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** A periodic satisfaction campaign (seed 26): who, what is asked, on which channel, when. */
const campaignSchema = new Schema(
  {
    name: { type: String, required: true },
    segment: {
      segment: { type: String, default: null },
      productCode: { type: String, default: null },
      province: { type: String, default: null },
      city: { type: String, default: null },
    },
    questions: { type: [Schema.Types.Mixed], required: true },
    channel: { type: String, enum: ['sms', 'email'], required: true },
    scheduledAt: { type: Date, required: true },
    batchSize: { type: Number, default: 50 },
    perMinute: { type: Number, default: 60 },
    status: {
      type: String,
      enum: ['scheduled', 'sending', 'sent', 'canceled'],
      default: 'scheduled',
    },
    targeted: { type: Number, default: 0 },
    sent: { type: Number, default: 0 },
    skipped: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);

export type CampaignDoc = InferSchemaType<typeof campaignSchema> & { _id: Types.ObjectId };
export const Campaign = mongoose.model('SurveyCampaign', campaignSchema);
