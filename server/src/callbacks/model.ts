import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** A requested call back to a customer; the ticket (type callback) carries it through the queue. */
const callbackSchema = new Schema(
  {
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    phone: { type: String, required: true },
    windowStart: { type: Date, default: null },
    windowEnd: { type: Date, default: null },
    source: {
      type: String,
      enum: ['voice-menu', 'missed-call', 'widget', 'portal', 'expert'],
      required: true,
    },
    status: {
      type: String,
      enum: ['waiting', 'calling', 'completed', 'failed', 'canceled'],
      default: 'waiting',
    },
    attempts: [
      {
        _id: false,
        at: Date,
        expert: { type: Schema.Types.ObjectId, ref: 'User' },
        outcome: String,
        durationSec: Number,
        callSid: String,
      },
    ],
    nextAttemptAt: { type: Date, default: null },
  },
  { timestamps: true },
);
callbackSchema.index({ ticket: 1 }, { unique: true });
callbackSchema.index({ status: 1, nextAttemptAt: 1 });

export type CallbackDoc = InferSchemaType<typeof callbackSchema> & { _id: Types.ObjectId };
export const Callback = mongoose.model('Callback', callbackSchema);
