import mongoose, { Schema, type Types } from 'mongoose';

/**
 * One row per inbound message `recordContact()` has seen, `_id` `<channel>:<externalId>`, holding
 * the message id reserved for it. Inserted first: a duplicate key means the message was seen
 * before, and the reserved id finds it by `_id` (FerretDB scans for any other filter). A row
 * whose message is missing (a crash in between) is finished with the same reserved id.
 */
const inboundKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    message: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export interface InboundKeyDoc {
  _id: string;
  message: Types.ObjectId;
  createdAt: Date;
}
export const InboundKey = mongoose.model('InboundKey', inboundKeySchema);
