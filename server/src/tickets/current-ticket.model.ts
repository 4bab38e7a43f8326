import mongoose, { Schema, type Types } from 'mongoose';

/**
 * The ticket a contact's next message on a channel goes to while it stays open, `_id`
 * `<contactId>:<channel>`, so `recordContact()` finds it by `_id` instead of querying tickets
 * (a scan on FerretDB). Written when a ticket opens (the newest ticket) and when a query found
 * the newest open one; `ticket: null` after a contact merge moved tickets in (unknown: query
 * again). Always checked against the ticket itself, read by `_id`.
 */
const currentTicketSchema = new Schema(
  {
    _id: { type: String, required: true },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', default: null },
  },
  { timestamps: true },
);

export interface CurrentTicketDoc {
  _id: string;
  ticket: Types.ObjectId | null;
}
export const CurrentTicket = mongoose.model('CurrentTicket', currentTicketSchema);
