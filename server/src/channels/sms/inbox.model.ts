import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One inbound SMS webhook exactly as Twilio signed it, keyed by MessageSid: the webhook's only
 * write, so a Twilio retry is a duplicate key. A worker turns the row into a message later.
 */
const smsInboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The signed form fields (MessageSid, From, To, Body, NumMedia, MediaUrl0, ...). */
    form: { type: Schema.Types.Mixed, required: true },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
    /** What processing did: a message in a ticket, or a STOP / START consent change. */
    outcome: { type: String, enum: ['message', 'opted-out', 'opted-in', null], default: null },
    message: { type: Schema.Types.ObjectId, ref: 'Message', default: null },
  },
  { versionKey: false, minimize: false },
);
smsInboxSchema.index({ processedAt: 1, receivedAt: 1 });

export type SmsInboxDoc = InferSchemaType<typeof smsInboxSchema> & {
  _id: string;
  form: Record<string, string>;
  message: Types.ObjectId | null;
};
export const SmsInbox = mongoose.model('SmsInbox', smsInboxSchema, 'sms_inbox');
