import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** Competitors and their estimated market share by province (seed 27). */
const competitorSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    /**
     * The name folded for uniqueness (case, Arabic/Persian letter variants, spacing), so
     * "Acme" and " acme " or "كشاورز" and "کشاورز" are the same competitor.
     */
    nameKey: { type: String, required: true },
    products: [String],
    shares: [{ _id: false, province: String, percent: Number, asOf: Date }],
    notes: { type: String, default: '' },
  },
  { timestamps: true },
);
competitorSchema.index({ nameKey: 1 }, { unique: true });
competitorSchema.index({ name: 1 });

export type CompetitorDoc = InferSchemaType<typeof competitorSchema> & { _id: Types.ObjectId };
export const Competitor = mongoose.model('Competitor', competitorSchema);
