import type { QueueSnapshot } from '@cc/shared';
import { logger } from '../core/logger.js';
import { emitQueue } from '../tickets/events.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { firstInQueue, queueCounts, queueRank } from './routing-index.js';

const DEFAULT_HANDLE_SECONDS = 300;
const handleCache = new Map<string, { at: number; seconds: number }>();

/** Mean handling time (assigned -> resolved) of the group's last 50 resolved tickets; cached 60 s. */
async function averageHandleSeconds(groupId: string): Promise<number> {
  const cached = handleCache.get(groupId);
  if (cached && Date.now() - cached.at < 60_000) return cached.seconds;
  const recent = await Ticket.find(
    { group: groupId, resolvedAt: { $ne: null }, assignedAt: { $ne: null } },
    { assignedAt: 1, resolvedAt: 1 },
  )
    .sort({ resolvedAt: -1 })
    .limit(50)
    .lean<Array<{ assignedAt: Date; resolvedAt: Date }>>();
  const durations = recent
    .map((t) => (t.resolvedAt.getTime() - t.assignedAt.getTime()) / 1000)
    .filter((d) => d > 0);
  const seconds = durations.length
    ? durations.reduce((a, b) => a + b, 0) / durations.length
    : DEFAULT_HANDLE_SECONDS;
  handleCache.set(groupId, { at: Date.now(), seconds });
  return seconds;
}

export async function queueSnapshot(groupId: string, limit = 100): Promise<QueueSnapshot> {
  const [counts, first, handle] = await Promise.all([
    queueCounts(groupId),
    firstInQueue(groupId, limit),
    averageHandleSeconds(groupId),
  ]);
  const servers = Math.max(1, counts.onlineExperts);
  return {
    group: groupId,
    waiting: counts.waiting,
    longestWaitSeconds: counts.oldestQueuedAt
      ? Math.round((Date.now() - counts.oldestQueuedAt) / 1000)
      : 0,
    onlineExperts: counts.onlineExperts,
    positions: first.map((ticket, i) => ({
      ticket,
      position: i + 1,
      estimatedWaitSeconds: Math.round(Math.ceil((i + 1) / servers) * handle),
    })),
  };
}

/** Position of one waiting ticket in its group's queue (1 = next), with the estimated wait. */
export async function queuePosition(
  ticket: TicketDoc,
): Promise<{ position: number; estimatedWaitSeconds: number } | null> {
  if (!['new', 'queued'].includes(ticket.status) || ticket.assignee || !ticket.group) return null;
  const group = String(ticket.group);
  const [rank, counts, handle] = await Promise.all([
    queueRank(String(ticket._id), group),
    queueCounts(group),
    averageHandleSeconds(group),
  ]);
  if (rank === null) return null;
  const position = rank + 1;
  return {
    position,
    estimatedWaitSeconds: Math.round(
      Math.ceil(position / Math.max(1, counts.onlineExperts)) * handle,
    ),
  };
}

const pending = new Map<string, NodeJS.Timeout>();

/** Emits the group's queue snapshot, coalescing bursts to one emit per group per 300 ms. */
export async function publishQueue(groupId: string): Promise<void> {
  if (pending.has(groupId)) return;
  pending.set(
    groupId,
    setTimeout(() => {
      pending.delete(groupId);
      queueSnapshot(groupId)
        .then(emitQueue)
        .catch((err: unknown) => logger.warn({ err, groupId }, 'queue snapshot failed'));
    }, 300).unref(),
  );
}
