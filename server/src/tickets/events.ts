import type { MessageView, QueueSnapshot, StaffServerEvents, TicketSummary } from '@cc/shared';
import { Contact } from '../contacts/model.js';
import { logger } from '../core/logger.js';
import { emitToStaff, rooms } from '../core/realtime.js';
import type { MessageDoc } from './message.model.js';
import type { TicketDoc } from './model.js';
import { presentMessage, presentTicketSummary } from './presenter.js';
import { ticketsChanged } from './ticket-state.js';
import { syncTicketViews } from './view-counts.js';

type EventName = keyof StaffServerEvents;
type Payload<E extends EventName> = Parameters<StaffServerEvents[E]>[0];

/** Rooms allowed to see a ticket: its group's experts, its assignee, and supervisors. */
function ticketRooms(t: { group: string | null; assignee: string | null }): string[] {
  return [
    rooms.supervisors,
    ...(t.group ? [rooms.group(t.group)] : []),
    ...(t.assignee ? [rooms.user(t.assignee)] : []),
  ];
}

function emit<E extends EventName>(to: string[], event: E, payload: Payload<E>): void {
  emitToStaff(to, event, payload);
}

/**
 * Every ticket change is emitted, so the views' counters and the processes' ticket states follow
 * here; the reconcile job mends a missed counter, an entry's age a missed state.
 */
async function followViews(t: TicketDoc): Promise<void> {
  ticketsChanged([t._id]);
  await syncTicketViews(t).catch((err: unknown) =>
    logger.warn({ err, ticket: String(t._id) }, 'ticket view counters not updated'),
  );
}

export async function summarise(t: TicketDoc): Promise<TicketSummary> {
  const contact = await Contact.findById(t.contact, { name: 1 }).lean<{ name: string }>();
  return presentTicketSummary(t, contact?.name ?? '');
}

export async function emitTicket(
  event: 'ticket:created' | 'ticket:updated' | 'ticket:assigned',
  t: TicketDoc,
  extraRooms: string[] = [],
): Promise<TicketSummary> {
  await followViews(t);
  const summary = await summarise(t);
  emit([...ticketRooms(summary), ...extraRooms], event, summary);
  return summary;
}

export async function emitTransfer(
  t: TicketDoc,
  from: { group: string | null; assignee: string | null },
  note: string | null,
) {
  await followViews(t);
  const summary = await summarise(t);
  const previous = [
    ...(from.group ? [rooms.group(from.group)] : []),
    ...(from.assignee ? [rooms.user(from.assignee)] : []),
  ];
  emit([...ticketRooms(summary), ...previous], 'ticket:transferred', {
    ticket: summary,
    from,
    note,
  });
}

/** A new message to the staff who may see its ticket (its group, assignee and supervisors). */
export function emitMessage(
  t: { group?: unknown; assignee?: unknown },
  m: MessageDoc,
): MessageView {
  const view = presentMessage(m);
  emit(
    ticketRooms({
      group: t.group ? String(t.group) : null,
      assignee: t.assignee ? String(t.assignee) : null,
    }),
    'message:created',
    view,
  );
  return view;
}

export function emitQueue(snapshot: QueueSnapshot): void {
  emit([rooms.group(snapshot.group), rooms.supervisors], 'queue:changed', snapshot);
}

export function emitPresence(
  userId: string,
  groups: string[],
  presence: Payload<'presence:changed'>,
) {
  emit([rooms.supervisors, ...groups.map(rooms.group)], 'presence:changed', {
    ...presence,
    user: userId,
  });
}

export async function emitSla(
  event: 'sla:warning' | 'sla:breach',
  t: TicketDoc,
  kind: 'firstResponse' | 'resolution',
  dueAt: Date,
) {
  await followViews(t);
  const summary = await summarise(t);
  emit(ticketRooms(summary), event, { ticket: summary, kind, dueAt: dueAt.toISOString() });
}

export async function emitMention(userIds: string[], t: TicketDoc, m: MessageDoc, by: string) {
  const summary = await summarise(t);
  emit(userIds.map(rooms.user), 'mention:created', {
    ticket: summary,
    message: presentMessage(m),
    by,
  });
}
