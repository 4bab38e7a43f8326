import type { Types } from 'mongoose';
import { config } from '../core/config.js';
import { withLocks } from '../core/locks.js';
import { QueueName, enqueue } from '../core/queues.js';
import { redis, redisKey } from '../core/redis.js';
import { ExpertGroup } from '../expert-groups/model.js';
import { emitPresence } from '../tickets/events.js';
import { groupLock, userLock } from '../tickets/timeline.js';
import { User, type Presence, type UserDoc } from '../users/model.js';
import { recordPresenceChange } from '../reports/presence.js';
import { assignWaitingTickets } from './assignment.js';
import { publishQueue } from './queue-stats.js';
import { syncExpertIndex } from './routing-index.js';

/** Sets an expert's presence. Coming online fills their capacity from the queue at once. */
export async function setPresence(userId: string, presence: Presence): Promise<UserDoc> {
  const { before, after } = await withLocks([userLock(userId)], async () => {
    const previous = await User.findById(userId).lean<UserDoc>();
    if (!previous) throw new Error(`no user ${userId}`);
    if (previous.presence === presence) return { before: previous, after: previous };
    const now = new Date();
    const set: Record<string, unknown> = { presence, presenceChangedAt: now };
    if (presence === 'online') set.idleSince = now;
    const next = await User.findByIdAndUpdate(userId, { $set: set }, { new: true }).lean<UserDoc>();
    await syncExpertIndex(next!);
    return { before: previous, after: next! };
  });
  if (before.presence === after.presence) return after;
  await recordPresenceChange(userId, before, after, after.presenceChangedAt ?? new Date());
  const groups = after.groups.map(String);
  emitPresence(userId, groups, {
    user: userId,
    presence,
    activeCount: after.activeCount,
    at: new Date().toISOString(),
  });
  await Promise.all(after.groups.map(updateStaffing));
  if (presence === 'online') await assignWaitingTickets(userId);
  for (const g of groups) await publishQueue(g);
  return after;
}

/** Keeps `unstaffedSince` of a group: null while any expert is online, else since when nobody is. */
async function updateStaffing(groupId: Types.ObjectId): Promise<void> {
  await withLocks([groupLock(groupId)], async () => {
    const online = await User.countDocuments({
      groups: groupId,
      presence: 'online',
      active: true,
      roles: 'expert',
    });
    const group = await ExpertGroup.findById(groupId, { unstaffedSince: 1 }).lean<{
      unstaffedSince: Date | null;
    }>();
    if (!group) return;
    if (online > 0 && group.unstaffedSince)
      await ExpertGroup.updateOne({ _id: groupId }, { $set: { unstaffedSince: null } });
    if (online === 0 && !group.unstaffedSince)
      await ExpertGroup.updateOne({ _id: groupId }, { $set: { unstaffedSince: new Date() } });
  });
}

/*
 * Connected staff sockets per user, as a sorted set scored by last sight. A server refreshes its
 * sockets' scores every HEARTBEAT; a crashed server's sockets simply age out.
 */
const HEARTBEAT_MS = 20_000;
const socketsKey = (userId: string) => redisKey('presence', 'sockets', userId);

export async function socketSeen(userId: string, socketId: string): Promise<void> {
  await redis().zadd(socketsKey(userId), Date.now(), socketId);
}

export async function socketGone(userId: string, socketId: string): Promise<void> {
  await redis().zrem(socketsKey(userId), socketId);
  if ((await liveSocketCount(userId)) === 0) {
    await enqueue(
      QueueName.Routing,
      { reason: 'presence-timeout', userId },
      {
        delay: config().PRESENCE_GRACE_SECONDS * 1000,
        jobId: `presence-timeout-${userId}-${Date.now()}`,
      },
    );
  }
}

async function liveSocketCount(userId: string): Promise<number> {
  return redis().zcount(socketsKey(userId), Date.now() - 3 * HEARTBEAT_MS, '+inf');
}

/** Worker side: an expert whose sockets have all been gone for the grace period goes offline. */
export async function expirePresence(userId: string): Promise<boolean> {
  if ((await liveSocketCount(userId)) > 0) return false;
  const user = await User.findById(userId, { presence: 1 }).lean<UserDoc>();
  if (!user || user.presence === 'offline') return false;
  await setPresence(userId, 'offline');
  return true;
}

export const PRESENCE_HEARTBEAT_MS = HEARTBEAT_MS;
