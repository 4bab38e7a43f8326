import type { QueueSnapshot } from '@cc/shared';
import { logger } from '../core/logger.js';
import { redis, redisKey } from '../core/redis.js';
import { emitQueue } from '../tickets/events.js';
import type { TicketDoc } from '../tickets/model.js';
import { firstInQueue, queueCounts, queueRank } from './routing-index.js';

const DEFAULT_HANDLE_SECONDS = 300;
const RECENT = 50;
const handleKey = (groupId: string) => redisKey('routing', 'handle', groupId);

/** Records how long a resolved ticket was handled (assigned -> resolved), keeping the last 50. */
export async function recordHandlingTime(groupId: string, seconds: number): Promise<void> {
  if (!(seconds > 0)) return;
  await redis()
    .multi()
    .lpush(handleKey(groupId), seconds.toFixed(0))
    .ltrim(handleKey(groupId), 0, RECENT - 1)
    .exec();
}

/** Mean handling time of the group's last 50 resolved tickets (a default until there are some). */
async function averageHandleSeconds(groupId: string): Promise<number> {
  const recent = (await redis().lrange(handleKey(groupId), 0, RECENT - 1))
    .map(Number)
    .filter((n) => n > 0);
  return recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : DEFAULT_HANDLE_SECONDS;
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
