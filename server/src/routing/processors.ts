import type { Types } from 'mongoose';
import { sweepUnsentAttachments } from '../attachments/sweep.js';
import { config } from '../core/config.js';
import { withLocks } from '../core/locks.js';
import { inBackground } from '../core/logger.js';
import { QueueName, enqueue, repeatJob, startWorker } from '../core/queues.js';
import { processSlaJob } from '../sla/service.js';
import { ExpertGroup, type ExpertGroupDoc } from '../expert-groups/model.js';
import { emitTicket } from '../tickets/events.js';
import { reconcileTicketViews } from '../tickets/view-counts.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { changeStatus } from '../tickets/service.js';
import { SYSTEM, ticketLock, timelineEntry } from '../tickets/timeline.js';
import { assignWaitingTickets, reconcileActiveCounts, routeTicket } from './assignment.js';
import { expirePresence } from './presence.js';
import { publishQueue } from './queue-stats.js';
import {
  expertsByLoad,
  queueCounts,
  reconcileRoutingIndex,
  syncTicketIndex,
} from './routing-index.js';

/** Moves waiting tickets of groups unstaffed for longer than their limit to the overflow group. */
export async function overflowWaitingTickets(now = new Date()): Promise<number> {
  const groups = await ExpertGroup.find({
    overflowGroup: { $ne: null },
    unstaffedSince: { $ne: null },
    active: true,
  }).lean<ExpertGroupDoc[]>();
  let moved = 0;
  for (const g of groups) {
    if (now.getTime() - g.unstaffedSince!.getTime() < g.overflowAfterMinutes * 60_000) continue;
    const waiting = await Ticket.find(
      { group: g._id, status: { $in: ['new', 'queued'] }, assignee: null },
      { _id: 1 },
    )
      .sort({ priorityRank: -1, queuedAt: 1 })
      .limit(500)
      .lean<Array<{ _id: Types.ObjectId }>>();
    for (const { _id } of waiting) {
      const updated = await withLocks([ticketLock(_id)], async () => {
        const t = await Ticket.findById(_id).lean<TicketDoc>();
        if (
          !t ||
          String(t.group) !== String(g._id) ||
          t.assignee ||
          !['new', 'queued'].includes(t.status)
        )
          return null;
        return Ticket.findByIdAndUpdate(
          _id,
          {
            $set: { group: g.overflowGroup },
            $push: {
              timeline: timelineEntry('overflowed', SYSTEM, {
                from: String(g._id),
                to: String(g.overflowGroup),
                note: 'nobody online in the group',
              }),
            },
          },
          { new: true },
        ).lean<TicketDoc>();
      });
      if (!updated) continue;
      await syncTicketIndex(updated, g._id);
      moved += 1;
      await emitTicket('ticket:updated', updated, []);
      await routeTicket(_id);
    }
    if (waiting.length) {
      await publishQueue(String(g._id));
      await publishQueue(String(g.overflowGroup));
    }
  }
  return moved;
}

/**
 * Safety net for "an expert who frees up takes the next": if a refill failed half way (a
 * database error after the capacity was released), the expert still has room while tickets
 * wait. Every sweep gives such experts the oldest waiting tickets.
 */
export async function refillFreeCapacity(): Promise<number> {
  let assigned = 0;
  const groups = await ExpertGroup.find({ active: true }, { _id: 1 }).lean<
    Array<{ _id: Types.ObjectId }>
  >();
  for (const { _id } of groups) {
    if ((await queueCounts(String(_id))).waiting === 0) continue;
    for (const expertId of await expertsByLoad(String(_id), 500))
      assigned += await assignWaitingTickets(expertId);
  }
  return assigned;
}

/** Closes tickets resolved more than AUTO_CLOSE_RESOLVED_DAYS ago. */
export async function autoCloseResolved(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - config().AUTO_CLOSE_RESOLVED_DAYS * 24 * 3600 * 1000);
  const stale = await Ticket.find({ status: 'resolved', resolvedAt: { $lt: before } }, { _id: 1 })
    .limit(1000)
    .lean<TicketDoc[]>();
  for (const t of stale)
    await changeStatus(String(t._id), 'closed', SYSTEM, 'closed automatically after resolution');
  return stale.length;
}

/** Worker registrations of the queue module: SLA timers, presence time-outs, periodic upkeep. */
export function startRoutingProcessors(): QueueName[] {
  startWorker(QueueName.Sla, processSlaJob, 10);
  startWorker(QueueName.Routing, async (job) => {
    if (job.data.reason === 'presence-timeout' && job.data.userId)
      return (await expirePresence(job.data.userId)) ? 'offline' : 'still connected';
    if (job.data.reason === 'overflow-check') return `moved ${await overflowWaitingTickets()}`;
    if (job.data.reason === 'refill') return `assigned ${await refillFreeCapacity()}`;
    return 'ignored';
  });
  startWorker(
    QueueName.Maintenance,
    async (job) => {
      if (job.data.task === 'auto-close-resolved') return `closed ${await autoCloseResolved()}`;
      if (job.data.task === 'sweep-attachments') {
        const swept = await sweepUnsentAttachments();
        return `removed ${swept.removed} unsent files, linked ${swept.linked}`;
      }
      const fixed = await reconcileActiveCounts();
      const index = await reconcileRoutingIndex();
      const views = await reconcileTicketViews();
      return `fixed ${fixed} counts, index +${index.added} -${index.removed}, views ${views.synced} -${views.dropped}`;
    },
    1,
  );
  repeatJob(QueueName.Routing, 'overflow-check', { every: 60_000 }, { reason: 'overflow-check' });
  repeatJob(QueueName.Routing, 'refill', { every: 15_000 }, { reason: 'refill' });
  repeatJob(
    QueueName.Maintenance,
    'auto-close',
    { every: 3600_000 },
    { task: 'auto-close-resolved' },
  );
  repeatJob(
    QueueName.Maintenance,
    'sweep-attachments',
    { every: 3600_000 },
    { task: 'sweep-attachments' },
  );
  repeatJob(
    QueueName.Maintenance,
    'reconcile',
    { every: 300_000 },
    { task: 'reconcile-active-counts' },
  );
  inBackground(
    enqueue(QueueName.Maintenance, { task: 'reconcile-active-counts' }),
    'reconcile at start',
  );
  return [QueueName.Sla, QueueName.Routing, QueueName.Maintenance];
}
