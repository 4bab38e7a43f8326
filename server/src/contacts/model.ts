import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const SEGMENTS = ['potential', 'actual'] as const;

const contactSchema = new Schema(
  {
    name: { type: String, trim: true, default: '' },
    phones: [
      {
        _id: false,
        number: { type: String, required: true },
        label: { type: String, default: 'mobile' },
        optedOut: { type: Boolean, default: false },
      },
    ],
    emails: [{ type: String, lowercase: true, trim: true }],
    visitorIds: [String],
    province: { type: String, default: '' },
    city: { type: String, default: '' },
    address: { type: String, default: '' },
    segment: { type: String, enum: SEGMENTS, default: 'potential' },
    heardFrom: { type: String, default: '' },
    assignedExpert: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    clubNumber: { type: String, default: null },
    tags: [String],
    customFields: { type: Map, of: String, default: {} },
    locale: { type: String, enum: ['fa', 'en'], default: 'fa' },
    notes: { type: String, default: '' },
    /** Set when this contact was merged into another; such contacts are hidden from lists. */
    mergedInto: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
  },
  { timestamps: true },
);

contactSchema.index({ 'phones.number': 1 });
contactSchema.index({ emails: 1 });
contactSchema.index({ name: 1 });
contactSchema.index({ clubNumber: 1 });
contactSchema.index({ mergedInto: 1, updatedAt: -1 });

export type ContactDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId };
export const Contact = mongoose.model('Contact', contactSchema);

/**
 * One row per phone, email or widget visitor id, unique: the guard that keeps "one contact per
 * person" true when two processes see the same new caller at once (unique multikey indexes on
 * the contact itself would also reject every second contact with an empty list). The row's `_id`
 * is `<kind>:<value>` (`identityId`), so finding a caller is a read by `_id`, which FerretDB
 * answers from an index (any other filter scans the collection).
 */
const identitySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['phone', 'email', 'visitor'], required: true },
    value: { type: String, required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
  },
  { timestamps: true },
);
identitySchema.index({ kind: 1, value: 1 }, { unique: true });
identitySchema.index({ contact: 1 });

export type IdentityKind = 'phone' | 'email' | 'visitor';
export const identityId = (kind: IdentityKind, value: string): string => `${kind}:${value}`;
export const ContactIdentity = mongoose.model('ContactIdentity', identitySchema);
