import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const MESSAGE_CHANNELS = [
  'webchat',
  'sms',
  'email',
  'voice',
  'note',
  'system',
  'portal',
] as const;
export const DELIVERY_STATES = [
  'received',
  'queued',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'bounced',
] as const;

const messageSchema = new Schema(
  {
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
    direction: { type: String, enum: ['in', 'out', 'internal'], required: true },
    channel: { type: String, enum: MESSAGE_CHANNELS, required: true },
    authorKind: { type: String, enum: ['contact', 'expert', 'system'], required: true },
    author: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    authorName: { type: String, default: '' },
    text: { type: String, default: '' },
    /** Sanitised HTML only (never the raw original). */
    html: { type: String, default: null },
    attachments: [
      {
        _id: false,
        fileId: { type: Schema.Types.ObjectId, default: null },
        name: String,
        contentType: String,
        size: Number,
        dropped: { type: Boolean, default: false },
        reason: { type: String, default: null },
      },
    ],
    /**
     * Provider id (Twilio SID, email Message-ID) or, for our own messages, a generated one:
     * always set, so the unique (channel, externalId) index is the idempotency guard.
     */
    externalId: { type: String, required: true },
    mentions: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    deliveryStatus: { type: String, enum: DELIVERY_STATES, default: 'received' },
    deliveryError: { type: String, default: null },
    /** Our own reason for a failure (an error code the console translates); null for a provider's text. */
    deliveryErrorCode: { type: String, default: null },
    readAt: { type: Date, default: null },
  },
  { timestamps: true },
);

messageSchema.index({ channel: 1, externalId: 1 }, { unique: true });
messageSchema.index({ ticket: 1, createdAt: 1 });
messageSchema.index({ contact: 1, createdAt: -1 });

export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };
export const Message = mongoose.model('Message', messageSchema);
