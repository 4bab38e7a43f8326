import type { Job } from 'bullmq';
import { withLocks } from '../core/locks.js';
import { QueueName, enqueue, type JobPayloads } from '../core/queues.js';
import type { ExpertGroupDoc } from '../expert-groups/model.js';
import { addBusinessMinutes, type BusinessHours } from '../routing/business-hours.js';
import { emitSla, emitTicket } from '../tickets/events.js';
import {
  PRIORITIES,
  Ticket,
  priorityRank,
  type Priority,
  type TicketDoc,
} from '../tickets/model.js';
import { SYSTEM, ticketLock, timelineEntry } from '../tickets/timeline.js';

type Kind = JobPayloads[QueueName.Sla]['kind'];

/** Due times counted in the group's business hours from `from`. */
export function slaDueTimes(group: Pick<ExpertGroupDoc, 'businessHours' | 'sla'>, from: Date) {
  const hours = (group.businessHours ?? ALWAYS_OPEN) as BusinessHours;
  const { firstResponseMinutes, resolutionMinutes, warningPercent } = group.sla ?? DEFAULT_SLA;
  return {
    firstResponseDueAt: addBusinessMinutes(hours, from, firstResponseMinutes),
    resolutionDueAt: addBusinessMinutes(hours, from, resolutionMinutes),
    warnFirstResponseAt: addBusinessMinutes(
      hours,
      from,
      (firstResponseMinutes * warningPercent) / 100,
    ),
    warnResolutionAt: addBusinessMinutes(hours, from, (resolutionMinutes * warningPercent) / 100),
  };
}

const ALWAYS_OPEN: BusinessHours = {
  timezone: 'Asia/Tehran',
  alwaysOpen: true,
  weekly: [],
  holidays: [],
};
const DEFAULT_SLA = { firstResponseMinutes: 60, resolutionMinutes: 24 * 60, warningPercent: 80 };

/** BullMQ delayed jobs at the warning point and at the breach, one id per ticket/kind/stage/due. */
export async function scheduleSla(
  ticketId: string,
  due: ReturnType<typeof slaDueTimes>,
): Promise<void> {
  const plan: Array<[Kind, 'warning' | 'breach', Date | null, Date | null]> = [
    ['firstResponse', 'warning', due.warnFirstResponseAt, due.firstResponseDueAt],
    ['firstResponse', 'breach', due.firstResponseDueAt, due.firstResponseDueAt],
    ['resolution', 'warning', due.warnResolutionAt, due.resolutionDueAt],
    ['resolution', 'breach', due.resolutionDueAt, due.resolutionDueAt],
  ];
  for (const [kind, stage, fireAt, dueAt] of plan) {
    if (!fireAt || !dueAt) continue;
    await enqueue(
      QueueName.Sla,
      { ticketId, kind, stage, dueAt: dueAt.toISOString() },
      {
        delay: Math.max(0, fireAt.getTime() - Date.now()),
        jobId: `sla-${ticketId}-${kind}-${stage}-${dueAt.getTime()}`,
      },
    );
  }
}

const raise = (p: Priority): Priority =>
  PRIORITIES[Math.min(PRIORITIES.length - 1, PRIORITIES.indexOf(p) + 1)]!;

/** Fires at a warning or a breach; does nothing if the target was met or the due time moved. */
export async function processSlaJob(job: Job<JobPayloads[QueueName.Sla]>): Promise<string> {
  const { ticketId, kind, stage, dueAt } = job.data;
  const result = await withLocks([ticketLock(ticketId)], async () => {
    const t = await Ticket.findById(ticketId).lean<TicketDoc>();
    if (!t) return null;
    const due = kind === 'firstResponse' ? t.sla?.firstResponseDueAt : t.sla?.resolutionDueAt;
    const met =
      kind === 'firstResponse'
        ? t.firstResponseAt
        : (t.resolvedAt ?? (t.status === 'closed' ? t.closedAt : null));
    if (met || !due || due.toISOString() !== dueAt) return null;
    if (stage === 'warning') return { ticket: t, changed: false };
    const priority = raise(t.priority);
    const updated = await Ticket.findByIdAndUpdate(
      ticketId,
      {
        $set: { [`sla.${kind}Breached`]: true, priority, priorityRank: priorityRank(priority) },
        $push: {
          timeline: timelineEntry(`sla-${kind}-breached`, SYSTEM, {
            from: t.priority,
            to: priority,
          }),
        },
      },
      { new: true },
    ).lean<TicketDoc>();
    return { ticket: updated!, changed: true };
  });
  if (!result) return 'met or moved';
  await emitSla(
    stage === 'warning' ? 'sla:warning' : 'sla:breach',
    result.ticket,
    kind,
    new Date(dueAt),
  );
  if (result.changed) await emitTicket('ticket:updated', result.ticket);
  return stage;
}
