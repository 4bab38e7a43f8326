import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** One survey sent to one contact: CSAT, a complaint satisfaction check, or a campaign's. */
const surveySchema = new Schema(
  {
    kind: { type: String, enum: ['csat', 'complaint-check', 'campaign'], required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', default: null },
    campaign: { type: Schema.Types.ObjectId, default: null },
    channel: { type: String, enum: ['webchat', 'sms', 'email'], required: true },
    /** sha256 of the single-use token in the survey link (the token itself is never stored). */
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    answeredAt: { type: Date, default: null },
    answers: [{ _id: false, question: String, value: Schema.Types.Mixed }],
    score: { type: Number, default: null },
    comment: { type: String, default: null },
  },
  { timestamps: true },
);
surveySchema.index({ tokenHash: 1 }, { unique: true });
surveySchema.index({ contact: 1, kind: 1, createdAt: -1 });
surveySchema.index({ ticket: 1 });

export type SurveyDoc = InferSchemaType<typeof surveySchema> & { _id: Types.ObjectId };
export const Survey = mongoose.model('Survey', surveySchema);
