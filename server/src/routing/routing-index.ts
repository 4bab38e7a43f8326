import type { Types } from 'mongoose';
import { redis, redisKey } from '../core/redis.js';
import { ExpertGroup } from '../expert-groups/model.js';
import { PRIORITIES, Ticket, type TicketDoc } from '../tickets/model.js';
import { User, type UserDoc } from '../users/model.js';

/**
 * Routing's look-ups, kept in Redis sorted sets: the waiting tickets of each group in queue order
 * and the online experts of each group by load. MongoDB stays the truth (every assignment is
 * re-checked there under locks); these sets only answer "who next?" without scanning the
 * tickets collection, which our local MongoDB-compatible server cannot do with an index.
 * They are rebuilt from MongoDB at start-up and by the periodic reconcile job.
 */
const SCALE = 1e13; // above any millisecond timestamp until the year 2286
const TOP_RANK = PRIORITIES.length - 1;

const queueKey = (groupId: string) => redisKey('routing', 'queue', groupId);
const ageKey = (groupId: string) => redisKey('routing', 'age', groupId);
const expertsKey = (groupId: string) => redisKey('routing', 'experts', groupId);

type TicketRef = Pick<
  TicketDoc,
  '_id' | 'status' | 'assignee' | 'group' | 'priorityRank' | 'queuedAt' | 'createdAt'
>;
type ExpertRef = Pick<
  UserDoc,
  '_id' | 'presence' | 'active' | 'roles' | 'groups' | 'activeCount' | 'idleSince'
>;

const isWaiting = (t: TicketRef) =>
  (t.status === 'new' || t.status === 'queued') && !t.assignee && Boolean(t.group);
const queuedMs = (t: TicketRef) => new Date(t.queuedAt ?? t.createdAt).getTime();

/** Puts a ticket in its group's queue if it waits, takes it out of every given group otherwise. */
export async function syncTicketIndex(
  t: TicketRef,
  previousGroup?: Types.ObjectId | string | null,
): Promise<void> {
  const id = String(t._id);
  const multi = redis().multi();
  const groups = new Set([previousGroup, t.group].filter(Boolean).map(String));
  for (const g of groups) multi.zrem(queueKey(g), id).zrem(ageKey(g), id);
  if (isWaiting(t)) {
    const g = String(t.group);
    multi
      .zadd(queueKey(g), (TOP_RANK - t.priorityRank) * SCALE + queuedMs(t), id)
      .zadd(ageKey(g), queuedMs(t), id);
  }
  await multi.exec();
}

export async function dropTicketIndex(ticketId: string, groupId: string): Promise<void> {
  await redis().multi().zrem(queueKey(groupId), ticketId).zrem(ageKey(groupId), ticketId).exec();
}

/** Keeps an expert in the experts set of each of their groups while they can receive tickets. */
export async function syncExpertIndex(
  u: ExpertRef,
  previousGroups: Array<Types.ObjectId | string> = [],
): Promise<void> {
  const id = String(u._id);
  const multi = redis().multi();
  for (const g of new Set([...previousGroups, ...u.groups].map(String)))
    multi.zrem(expertsKey(g), id);
  if (u.active && u.presence === 'online' && u.roles.includes('expert')) {
    const score = u.activeCount * SCALE + new Date(u.idleSince).getTime();
    for (const g of u.groups) multi.zadd(expertsKey(String(g)), score, id);
  }
  await multi.exec();
}

/** The first `limit` waiting tickets across the groups, in queue order (priority, then age). */
export async function nextWaiting(
  groupIds: string[],
  limit: number,
): Promise<Array<{ ticket: string; group: string }>> {
  const pages = await Promise.all(
    groupIds.map(async (g) => {
      const flat = await redis().zrange(queueKey(g), 0, limit - 1, 'WITHSCORES');
      const rows: Array<{ ticket: string; group: string; score: number }> = [];
      for (let i = 0; i < flat.length; i += 2)
        rows.push({ ticket: flat[i]!, group: g, score: Number(flat[i + 1]) });
      return rows;
    }),
  );
  return pages
    .flat()
    .sort((a, b) => a.score - b.score || a.ticket.localeCompare(b.ticket))
    .slice(0, limit)
    .map(({ ticket, group }) => ({ ticket, group }));
}

/** Online experts of a group, least busy first, then longest idle. */
export async function expertsByLoad(groupId: string, limit = 50): Promise<string[]> {
  return redis().zrange(expertsKey(groupId), 0, limit - 1);
}

export async function queueCounts(groupId: string) {
  const [waiting, oldest, onlineExperts] = await Promise.all([
    redis().zcard(queueKey(groupId)),
    redis().zrange(ageKey(groupId), 0, 0, 'WITHSCORES'),
    redis().zcard(expertsKey(groupId)),
  ]);
  return { waiting, oldestQueuedAt: oldest[1] ? Number(oldest[1]) : null, onlineExperts };
}

/** 0-based place of a ticket in its group's queue, or null when it is not waiting there. */
export async function queueRank(ticketId: string, groupId: string): Promise<number | null> {
  return redis().zrank(queueKey(groupId), ticketId);
}

export async function firstInQueue(groupId: string, limit: number): Promise<string[]> {
  return redis().zrange(queueKey(groupId), 0, limit - 1);
}

/**
 * Brings the sets in line with MongoDB without clearing them (live routing keeps working):
 * adds what is missing, re-checks and removes what is stale. Runs at start-up and periodically.
 */
export async function reconcileRoutingIndex(): Promise<{ added: number; removed: number }> {
  let added = 0;
  let removed = 0;
  const groups = await ExpertGroup.find({}, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
  for (const { _id } of groups) {
    const g = String(_id);
    const waiting = await Ticket.find(
      { group: _id, status: { $in: ['new', 'queued'] }, assignee: null },
      { _id: 1, status: 1, assignee: 1, group: 1, priorityRank: 1, queuedAt: 1, createdAt: 1 },
    ).lean<TicketRef[]>();
    const indexed = new Set(await redis().zrange(queueKey(g), 0, -1));
    for (const t of waiting) {
      if (indexed.delete(String(t._id))) continue;
      await syncTicketIndex(t);
      added += 1;
    }
    for (const id of indexed) {
      const fresh = await Ticket.findById(id).lean<TicketRef>();
      if (fresh) await syncTicketIndex(fresh, g);
      else await dropTicketIndex(id, g);
      if (!fresh || !isWaiting(fresh) || String(fresh.group) !== g) removed += 1;
    }
    const online = await User.find({
      groups: _id,
      presence: 'online',
      active: true,
      roles: 'expert',
    }).lean<ExpertRef[]>();
    const listed = new Set(await redis().zrange(expertsKey(g), 0, -1));
    for (const u of online) {
      if (listed.delete(String(u._id))) continue;
      await syncExpertIndex(u);
      added += 1;
    }
    for (const id of listed) {
      const fresh = await User.findById(id).lean<ExpertRef>();
      if (fresh) await syncExpertIndex(fresh, [g]);
      else await redis().zrem(expertsKey(g), id);
      removed += 1;
    }
  }
  return { added, removed };
}
