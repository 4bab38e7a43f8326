import type { Types } from 'mongoose';
import { Contact } from '../contacts/model.js';
import { conflict } from '../core/errors.js';
import { tryWithLocks, withLocks } from '../core/locks.js';
import { logger } from '../core/logger.js';
import { ExpertGroup, type ExpertGroupDoc } from '../expert-groups/model.js';
import { emitTicket } from '../tickets/events.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { SYSTEM, ticketLock, timelineEntry, userLock, type Actor } from '../tickets/timeline.js';
import { User, type UserDoc } from '../users/model.js';
import { publishQueue } from './queue-stats.js';
import {
  dropTicketIndex,
  expertsByLoad,
  nextWaiting,
  syncExpertIndex,
  syncTicketIndex,
} from './routing-index.js';

const WAITING = ['new', 'queued'];

export const capacityOf = (
  user: Pick<UserDoc, 'maxConcurrent'>,
  group: Pick<ExpertGroupDoc, 'defaultMaxConcurrent'> | null,
) => user.maxConcurrent ?? group?.defaultMaxConcurrent ?? 5;

const isWaiting = (t: TicketDoc | null): t is TicketDoc =>
  Boolean(t && WAITING.includes(t.status) && !t.assignee);

function canTake(
  u: UserDoc | null,
  groupId: Types.ObjectId | null,
  group: ExpertGroupDoc | null,
): u is UserDoc {
  return Boolean(
    u &&
    u.active &&
    u.presence === 'online' &&
    u.roles.includes('expert') &&
    (!groupId || u.groups.some((g) => String(g) === String(groupId))) &&
    u.activeCount < capacityOf(u, group),
  );
}

/**
 * Changes an expert's count of open conversations and keeps the routing index in step.
 * The caller holds the expert's lock. Taking one also marks the time (ties go to the longest idle).
 */
export async function changeLoad(
  expertId: string,
  delta: 1 | -1,
  knownCount?: number,
): Promise<UserDoc | null> {
  const count =
    knownCount ?? (await User.findById(expertId, { activeCount: 1 }).lean<UserDoc>())?.activeCount;
  if (count === undefined) return null;
  const set: Record<string, unknown> = { activeCount: Math.max(0, count + delta) };
  if (delta > 0) set.idleSince = new Date();
  const updated = await User.findByIdAndUpdate(
    expertId,
    { $set: set },
    { new: true },
  ).lean<UserDoc>();
  if (updated) await syncExpertIndex(updated);
  return updated;
}

type AssignOutcome = 'assigned' | 'ticket-gone' | 'expert-unavailable' | 'busy';
interface AssignResult {
  outcome: AssignOutcome;
  ticket?: TicketDoc;
  /** After this assignment the expert has no room left. */
  full?: boolean;
}

/**
 * Gives a waiting ticket to an expert, holding both their locks: the ticket is still waiting,
 * the expert is online, in the group and under capacity, or nothing changes. This is the only
 * place a ticket becomes assigned by routing.
 */
async function assignLocked(
  ticketId: unknown,
  expertId: unknown,
  actor: Actor,
  lockWaitMs: number,
): Promise<AssignResult> {
  const result = await tryWithLocks(
    [ticketLock(ticketId), userLock(expertId)],
    async (): Promise<AssignResult> => {
      const ticket = await Ticket.findById(ticketId).lean<TicketDoc>();
      if (!isWaiting(ticket)) {
        if (ticket) await syncTicketIndex(ticket);
        return { outcome: 'ticket-gone' };
      }
      const group = ticket.group
        ? await ExpertGroup.findById(ticket.group).lean<ExpertGroupDoc>()
        : null;
      const expert = await User.findById(expertId).lean<UserDoc>();
      if (!canTake(expert, ticket.group ?? null, group)) return { outcome: 'expert-unavailable' };
      const now = new Date();
      const loaded = await changeLoad(String(expert._id), +1, expert.activeCount);
      let updated: TicketDoc | null;
      try {
        updated = await Ticket.findByIdAndUpdate(
          ticket._id,
          {
            $set: { status: 'assigned', assignee: expert._id, assignedAt: now },
            $push: {
              timeline: timelineEntry('assigned', actor, {
                from: ticket.status,
                to: String(expert._id),
              }),
            },
          },
          { new: true },
        ).lean<TicketDoc>();
      } catch (err) {
        // Give the capacity back: the ticket did not change.
        await changeLoad(String(expert._id), -1, loaded?.activeCount);
        throw err;
      }
      await dropTicketIndex(String(ticket._id), String(ticket.group));
      const full = !loaded || loaded.activeCount >= capacityOf(loaded, group);
      return { outcome: 'assigned', ticket: updated!, full };
    },
    { waitMs: lockWaitMs },
  );
  return result?.value ?? { outcome: 'busy' };
}

/** Experts to try for a ticket, best first: the contact's own expert, then least busy, longest idle. */
async function candidatesFor(ticket: TicketDoc): Promise<string[]> {
  const contact = await Contact.findById(ticket.contact, { assignedExpert: 1 }).lean<{
    assignedExpert?: Types.ObjectId | null;
  }>();
  const ids = await expertsByLoad(String(ticket.group));
  const own = contact?.assignedExpert ? String(contact.assignedExpert) : null;
  return own ? [own, ...ids.filter((id) => id !== own)] : ids;
}

/**
 * Routes one ticket: to the first candidate who can take it, else into its group's queue.
 * Returns the assigned ticket, or null when it waits.
 */
export async function routeTicket(ticketId: unknown): Promise<TicketDoc | null> {
  const ticket = await Ticket.findById(ticketId).lean<TicketDoc>();
  if (!isWaiting(ticket) || !ticket.group) return null;
  const first = await tryCandidates(ticket);
  if (first !== 'none') return first === 'gone' ? null : first;
  await markQueued(ticket);
  // An expert may have freed capacity between our look and the ticket entering the queue index:
  // look once more now that any later capacity check will see the ticket.
  const second = await tryCandidates(ticket);
  return typeof second === 'string' ? null : second;
}

async function tryCandidates(ticket: TicketDoc): Promise<TicketDoc | 'none' | 'gone'> {
  for (const expertId of await candidatesFor(ticket)) {
    const { outcome, ticket: assigned } = await assignLocked(ticket._id, expertId, SYSTEM, 2000);
    if (outcome === 'assigned') {
      await emitTicket('ticket:assigned', assigned!);
      await publishQueue(String(ticket.group));
      return assigned!;
    }
    if (outcome === 'ticket-gone') return 'gone';
  }
  return 'none';
}

async function markQueued(ticket: TicketDoc) {
  const updated = await withLocks([ticketLock(ticket._id)], async () => {
    const fresh = await Ticket.findById(ticket._id).lean<TicketDoc>();
    if (!fresh || fresh.status !== 'new' || fresh.assignee) return null;
    return Ticket.findByIdAndUpdate(
      ticket._id,
      {
        $set: { status: 'queued', queuedAt: fresh.queuedAt ?? new Date() },
        $push: { timeline: timelineEntry('queued', SYSTEM, { from: 'new', to: 'queued' }) },
      },
      { new: true },
    ).lean<TicketDoc>();
  });
  if (updated) await emitTicket('ticket:updated', updated);
  await syncTicketIndex(updated ?? ticket);
  await publishQueue(String(ticket.group));
}

/**
 * Fills an expert's free capacity from the queues of their groups: highest priority first, then
 * the oldest, never a newer ticket before an older one of the same priority.
 */
export async function assignWaitingTickets(
  expertId: string,
  maxAssignments = 100,
): Promise<number> {
  let assigned = 0;
  let fruitless = 0;
  const touchedGroups = new Set<string>();
  while (assigned < maxAssignments && fruitless < 20) {
    const expert = await User.findById(expertId).lean<UserDoc>();
    if (
      !expert ||
      expert.presence !== 'online' ||
      !expert.active ||
      !expert.roles.includes('expert')
    )
      break;
    const waiting = await nextWaiting(expert.groups.map(String), 10);
    if (!waiting.length) break;
    let outcome: AssignOutcome = 'busy';
    for (const candidate of waiting) {
      const attempt = await assignLocked(candidate.ticket, expertId, SYSTEM, 20);
      outcome = attempt.outcome;
      if (outcome === 'assigned') {
        assigned += 1;
        touchedGroups.add(String(candidate.group));
        await emitTicket('ticket:assigned', attempt.ticket!);
        if (attempt.full) outcome = 'expert-unavailable';
      }
      // Taken by another process or locked right now: the next oldest one.
      if (outcome !== 'ticket-gone' && outcome !== 'busy') break;
    }
    if (outcome === 'expert-unavailable') break;
    if (outcome === 'assigned') fruitless = 0;
    else {
      // Every candidate was taken or locked by concurrent routing: look again shortly.
      fruitless += 1;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
  for (const g of touchedGroups) await publishQueue(g);
  return assigned;
}

/** Gives back one unit of an expert's capacity (resolve, transfer away, requeue) and refills it. */
export async function releaseCapacity(expertId: string, refill = true): Promise<void> {
  await withLocks([userLock(expertId)], () => changeLoad(expertId, -1));
  if (refill) await assignWaitingTickets(expertId);
}

/** An expert (or supervisor) takes a specific ticket, e.g. from the group queue or a transfer. */
export async function assignToExpert(
  ticketId: string,
  expertId: string,
  actor: Actor,
): Promise<TicketDoc> {
  const { outcome, ticket } = await assignLocked(ticketId, expertId, actor, 5000);
  if (outcome !== 'assigned') {
    const reasons: Record<Exclude<AssignOutcome, 'assigned'>, string> = {
      'ticket-gone': 'The ticket is no longer waiting',
      'expert-unavailable': 'The expert is not online in this group or has no free capacity',
      busy: 'The ticket is being changed by someone else; try again',
    };
    throw conflict(`assign_${outcome.replace('-', '_')}`, reasons[outcome]);
  }
  await emitTicket('ticket:assigned', ticket!);
  await publishQueue(String(ticket!.group));
  return ticket!;
}

/** Recomputes experts' activeCount from their open tickets (heals a crash between two steps). */
export async function reconcileActiveCounts(): Promise<number> {
  const open = await Ticket.find(
    { status: { $in: ['assigned', 'pending'] }, assignee: { $ne: null } },
    { assignee: 1 },
  ).lean<TicketDoc[]>();
  const counts = new Map<string, number>();
  for (const t of open) counts.set(String(t.assignee), (counts.get(String(t.assignee)) ?? 0) + 1);
  const experts = await User.find({}, { _id: 1, activeCount: 1 }).lean<UserDoc[]>();
  let fixed = 0;
  for (const expert of experts.filter((e) => e.activeCount !== (counts.get(String(e._id)) ?? 0))) {
    const changed = await withLocks([userLock(expert._id)], async () => {
      const actual = await Ticket.countDocuments({
        assignee: expert._id,
        status: { $in: ['assigned', 'pending'] },
      });
      const current = await User.findById(expert._id, { activeCount: 1 }).lean<UserDoc>();
      if (!current || current.activeCount === actual) return false;
      const updated = await User.findByIdAndUpdate(
        expert._id,
        { $set: { activeCount: actual } },
        { new: true },
      ).lean<UserDoc>();
      await syncExpertIndex(updated!);
      return true;
    });
    if (changed) fixed += 1;
  }
  if (fixed) logger.warn({ fixed }, 'routing: corrected activeCount of experts');
  return fixed;
}
