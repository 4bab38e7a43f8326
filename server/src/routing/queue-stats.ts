import type { QueueSnapshot } from '@cc/shared';
import type { Types } from 'mongoose';
import { logger } from '../core/logger.js';
import { emitQueue } from '../tickets/events.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { User } from '../users/model.js';

const WAITING = { $in: ['new', 'queued'] };
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
  const [waiting, first, onlineExperts, handle] = await Promise.all([
    Ticket.countDocuments({ group: groupId, status: WAITING, assignee: null }),
    Ticket.find(
      { group: groupId, status: WAITING, assignee: null },
      { _id: 1, queuedAt: 1, createdAt: 1 },
    )
      .sort({ priorityRank: -1, queuedAt: 1, _id: 1 })
      .limit(limit)
      .lean<Array<{ _id: Types.ObjectId; queuedAt: Date | null; createdAt: Date }>>(),
    User.countDocuments({ groups: groupId, presence: 'online', active: true, roles: 'expert' }),
    averageHandleSeconds(groupId),
  ]);
  const oldest = await Ticket.findOne(
    { group: groupId, status: WAITING, assignee: null },
    { queuedAt: 1 },
  )
    .sort({ queuedAt: 1 })
    .lean<{ queuedAt: Date | null }>();
  const now = Date.now();
  const servers = Math.max(1, onlineExperts);
  return {
    group: groupId,
    waiting,
    longestWaitSeconds: oldest?.queuedAt ? Math.round((now - oldest.queuedAt.getTime()) / 1000) : 0,
    onlineExperts,
    positions: first.map((t, i) => ({
      ticket: String(t._id),
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
  const queuedAt = ticket.queuedAt ?? ticket.createdAt;
  const ahead = await Ticket.countDocuments({
    group: ticket.group,
    status: WAITING,
    assignee: null,
    $or: [
      { priorityRank: { $gt: ticket.priorityRank } },
      { priorityRank: ticket.priorityRank, queuedAt: { $lt: queuedAt } },
      { priorityRank: ticket.priorityRank, queuedAt, _id: { $lt: ticket._id } },
    ],
  });
  const [online, handle] = await Promise.all([
    User.countDocuments({
      groups: ticket.group,
      presence: 'online',
      active: true,
      roles: 'expert',
    }),
    averageHandleSeconds(String(ticket.group)),
  ]);
  const position = ahead + 1;
  return {
    position,
    estimatedWaitSeconds: Math.round(Math.ceil(position / Math.max(1, online)) * handle),
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
