import { inBackground, logger } from '../core/logger.js';
import { afterCustomerMessage } from './service.js';
import type { TicketState } from './ticket-state.js';

/**
 * What a live chat message changes on its ticket, written after the message's ack and folded per
 * ticket: a visitor typing ten lines costs one ticket write, not ten (a ticket write is a read and
 * an update under the ticket's lock). The ticket is written at once when it waits on the
 * customer (pending goes back to the expert) or is no longer open (it reopens); otherwise its
 * last-message times follow within WRITE_EVERY_MS. Nothing on screen waits on those times: the
 * message itself reaches the console at once.
 */
const WRITE_EVERY_MS = 60_000;
const URGENT = new Set(['pending', 'resolved', 'closed']);

const latest = new Map<string, Date>();
const timers = new Map<string, NodeJS.Timeout>();
const writing = new Set<Promise<void>>();

function write(ticketId: string): Promise<void> {
  clearTimeout(timers.get(ticketId));
  timers.delete(ticketId);
  const at = latest.get(ticketId);
  if (!at) return Promise.resolve();
  latest.delete(ticketId);
  const done: Promise<void> = afterCustomerMessage(ticketId, at)
    .then(() => undefined)
    .catch((err: unknown) =>
      logger.warn({ err, ticket: ticketId }, 'ticket not updated after a customer message'),
    )
    .finally(() => writing.delete(done));
  writing.add(done);
  return done;
}

/** A customer message reached the ticket at `at`. */
export function noteCustomerMessage(ticket: TicketState, at: Date): void {
  const known = latest.get(ticket.id);
  if (!known || known < at) latest.set(ticket.id, at);
  if (URGENT.has(ticket.status)) {
    inBackground(write(ticket.id), 'ticket activity');
    return;
  }
  if (!timers.has(ticket.id))
    timers.set(
      ticket.id,
      setTimeout(() => inBackground(write(ticket.id), 'ticket activity'), WRITE_EVERY_MS).unref(),
    );
}

/** Writes everything still folded (shutdown, tests) and waits for writes in flight. */
export async function flushCustomerActivity(): Promise<void> {
  await Promise.all([...latest.keys()].map(write));
  await Promise.all([...writing]);
}
