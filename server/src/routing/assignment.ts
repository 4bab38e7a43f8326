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

type AssignOutcome = 'assigned' | 'ticket-gone' | 'expert-unavailable' | 'busy';

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
): Promise<{ outcome: AssignOutcome; ticket?: TicketDoc }> {
  const result = await tryWithLocks(
    [ticketLock(ticketId), userLock(expertId)],
    async (): Promise<{ outcome: AssignOutcome; ticket?: TicketDoc }> => {
      const ticket = await Ticket.findById(ticketId).lean<TicketDoc>();
      if (!isWaiting(ticket)) return { outcome: 'ticket-gone' };
      const group = ticket.group
        ? await ExpertGroup.findById(ticket.group).lean<ExpertGroupDoc>()
        : null;
      const expert = await User.findById(expertId).lean<UserDoc>();
      if (!canTake(expert, ticket.group ?? null, group)) return { outcome: 'expert-unavailable' };
      const now = new Date();
      await User.updateOne(
        { _id: expert._id },
        { $inc: { activeCount: 1 }, $set: { idleSince: now } },
      );
      const updated = await Ticket.findByIdAndUpdate(
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
      return { outcome: 'assigned', ticket: updated! };
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
  const others = await User.find(
    { groups: ticket.group, presence: 'online', active: true, roles: 'expert' },
    { _id: 1 },
  )
    .sort({ activeCount: 1, idleSince: 1, _id: 1 })
    .limit(50)
    .lean<Array<{ _id: Types.ObjectId }>>();
  const ids = others.map((u) => String(u._id));
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
  for (const expertId of await candidatesFor(ticket)) {
    const { outcome, ticket: assigned } = await assignLocked(ticket._id, expertId, SYSTEM, 2000);
    if (outcome === 'assigned') {
      await emitTicket('ticket:assigned', assigned!);
      await publishQueue(String(ticket.group));
      return assigned!;
    }
    if (outcome === 'ticket-gone') return null;
  }
  await markQueued(ticket);
  return null;
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
  const touchedGroups = new Set<string>();
  while (assigned < maxAssignments) {
    const expert = await User.findById(expertId).lean<UserDoc>();
    if (
      !expert ||
      expert.presence !== 'online' ||
      !expert.active ||
      !expert.roles.includes('expert')
    )
      break;
    const waiting = await Ticket.find(
      { status: { $in: WAITING }, assignee: null, group: { $in: expert.groups } },
      { _id: 1, group: 1 },
    )
      .sort({ priorityRank: -1, queuedAt: 1, _id: 1 })
      .limit(10)
      .lean<Array<{ _id: Types.ObjectId; group: Types.ObjectId }>>();
    if (!waiting.length) break;
    let progressed = false;
    let full = false;
    for (const candidate of waiting) {
      const { outcome, ticket } = await assignLocked(candidate._id, expertId, SYSTEM, 500);
      if (outcome === 'assigned') {
        assigned += 1;
        progressed = true;
        touchedGroups.add(String(candidate.group));
        await emitTicket('ticket:assigned', ticket!);
        break;
      }
      if (outcome === 'expert-unavailable') {
        full = true;
        break;
      }
    }
    if (full || !progressed) break;
  }
  for (const g of touchedGroups) await publishQueue(g);
  return assigned;
}

/** Gives back one unit of an expert's capacity (resolve, transfer away, requeue) and refills it. */
export async function releaseCapacity(expertId: string, refill = true): Promise<void> {
  await withLocks([userLock(expertId)], async () => {
    const expert = await User.findById(expertId, { activeCount: 1 }).lean<UserDoc>();
    if (!expert) return;
    await User.updateOne(
      { _id: expertId },
      { $set: { activeCount: Math.max(0, expert.activeCount - 1) } },
    );
  });
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

/** Recomputes every expert's activeCount from their open tickets (heals a crash between steps). */
export async function reconcileActiveCounts(): Promise<number> {
  let fixed = 0;
  const experts = await User.find({}, { _id: 1, activeCount: 1 }).lean<UserDoc[]>();
  for (const expert of experts) {
    const changed = await withLocks([userLock(expert._id)], async () => {
      const actual = await Ticket.countDocuments({
        assignee: expert._id,
        status: { $in: ['assigned', 'pending'] },
      });
      const current = await User.findById(expert._id, { activeCount: 1 }).lean<UserDoc>();
      if (!current || current.activeCount === actual) return false;
      await User.updateOne({ _id: expert._id }, { $set: { activeCount: actual } });
      return true;
    });
    if (changed) fixed += 1;
  }
  if (fixed) logger.warn({ fixed }, 'routing: corrected activeCount of experts');
  return fixed;
}
