import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../core/errors.js';
import { CurrentTicket, type CurrentTicketDoc } from './current-ticket.model.js';
import { CHANNELS, OPEN_STATUSES, Ticket, type Channel, type TicketDoc } from './model.js';

type Id = Types.ObjectId | string;

const currentId = (contact: Id, channel: Channel) => `${String(contact)}:${channel}`;

/**
 * The contact's open ticket on the channel from its pointer (reads by `_id` only). `known` is
 * false when the pointer is missing, was cleared, or its ticket is no longer open: the caller
 * then has to query the tickets themselves.
 */
export async function currentTicket(
  contact: Id,
  channel: Channel,
): Promise<{ known: boolean; exists: boolean; ticket: TicketDoc | null }> {
  const pointer = await CurrentTicket.findById(
    currentId(contact, channel),
  ).lean<CurrentTicketDoc>();
  if (!pointer?.ticket) return { known: false, exists: Boolean(pointer), ticket: null };
  const ticket = await Ticket.findById(pointer.ticket).lean<TicketDoc>();
  const open =
    ticket &&
    String(ticket.contact) === String(contact) &&
    ticket.channel === channel &&
    OPEN_STATUSES.includes(ticket.status);
  return open
    ? { known: true, exists: true, ticket }
    : { known: false, exists: true, ticket: null };
}

/** Points the contact's channel at a ticket: a new one (the newest) or the newest open one found. */
export async function rememberCurrentTicket(
  contact: Id,
  channel: Channel,
  ticket: Id | null,
): Promise<void> {
  const filter = { _id: currentId(contact, channel) };
  const update = { $set: { ticket } };
  try {
    await CurrentTicket.updateOne(filter, update, { upsert: true });
  } catch (err) {
    // Two first writers: FerretDB's upsert is not atomic, the second insert hits the key.
    if (!isDuplicateKeyError(err)) throw err;
    await CurrentTicket.updateOne(filter, update);
  }
}

/** Tickets moved onto the contact (a merge): its pointers are unknown until queried again. */
export async function forgetCurrentTickets(contact: Id): Promise<void> {
  for (const channel of CHANNELS) await rememberCurrentTicket(contact, channel, null);
}
