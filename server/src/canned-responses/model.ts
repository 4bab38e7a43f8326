import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const CANNED_SCOPES = ['personal', 'shared'] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];
export const CANNED_LOCALES = ['fa', 'en'] as const;
/** What a body may say in {{ }}; the console fills them from the ticket, contact and expert. */
export const CANNED_PLACEHOLDERS = ['contact.name', 'ticket.number', 'expert.name'] as const;

const cannedResponseSchema = new Schema(
  {
    title: { type: String, required: true, trim: true },
    body: { type: String, required: true },
    locale: { type: String, enum: CANNED_LOCALES, required: true },
    /** Typed after "/" in the composer; unique across all responses, so "/greet" means one thing. */
    shortcut: { type: String, required: true, lowercase: true, trim: true },
    scope: { type: String, enum: CANNED_SCOPES, required: true },
    /** Who wrote it; for personal responses also the only one who sees and changes it. */
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);

cannedResponseSchema.index({ shortcut: 1 }, { unique: true });
cannedResponseSchema.index({ scope: 1, owner: 1 });

export type CannedResponseDoc = InferSchemaType<typeof cannedResponseSchema> & {
  _id: Types.ObjectId;
};
export const CannedResponse = mongoose.model('CannedResponse', cannedResponseSchema);
