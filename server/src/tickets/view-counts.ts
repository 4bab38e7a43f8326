import {
  SLA_RISK_MINUTES,
  SLA_RUNNING_STATUSES,
  type TicketStatus,
  type TicketViewCounts,
} from '@cc/shared';
import type { Types } from 'mongoose';
import type { SessionUser } from '../auth/session.js';
import { redis, redisKey } from '../core/redis.js';
import { queueCounts } from '../routing/routing-index.js';
import { Ticket, type TicketDoc } from './model.js';

/**
 * The inbox views' sizes without a scan per request: every open ticket sits in Redis sorted sets
 * per view and scope (everyone, its group, its assignee), moved whenever a ticket event is emitted
 * (events.ts) and brought back in line with MongoDB by the periodic reconcile. The "SLA at risk"
 * sets score each ticket by its next deadline, so "due within N minutes" is a ZCOUNT.
 */
type View = 'mine' | 'unassigned' | 'pending' | 'callbacks' | 'sla';
type Scope = 'all' | `g:${string}` | `u:${string}`;

const OPEN: readonly TicketStatus[] = ['new', 'queued', 'assigned', 'pending'];
const WAITING: readonly TicketStatus[] = ['new', 'queued'];
const HELD: readonly TicketStatus[] = ['assigned', 'pending'];

const viewKey = (view: View, scope: Scope) => redisKey('views', view, scope);
/** ticket id -> its memberships and the updatedAt they were computed from. */
const membersKey = () => redisKey('views', 'members');

export const SLA_RISK_MS = SLA_RISK_MINUTES * 60_000;

type TicketRef = Pick<
  TicketDoc,
  | '_id'
  | 'status'
  | 'type'
  | 'group'
  | 'assignee'
  | 'firstResponseAt'
  | 'sla'
  | 'mergedInto'
  | 'updatedAt'
>;

/** The running SLA deadline that comes first: first response until answered, then resolution. */
export function slaDeadline(t: Pick<TicketDoc, 'status' | 'firstResponseAt' | 'sla'>): Date | null {
  if (!(SLA_RUNNING_STATUSES as readonly string[]).includes(t.status)) return null;
  const due = [t.sla?.resolutionDueAt, t.firstResponseAt ? null : t.sla?.firstResponseDueAt];
  const times = due.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** The same rule as a query filter, for the tickets list (`?sla=risk`). */
export function slaAtRiskFilter(now = new Date()): Record<string, unknown> {
  const until = new Date(now.getTime() + SLA_RISK_MS);
  return {
    status: { $in: SLA_RUNNING_STATUSES },
    $or: [
      { 'sla.resolutionDueAt': { $lte: until } },
      { firstResponseAt: null, 'sla.firstResponseDueAt': { $lte: until } },
    ],
  };
}

/** Which sets a ticket belongs to, with its score in each. */
export function memberships(t: TicketRef): Array<[string, number]> {
  if (t.mergedInto || !OPEN.includes(t.status)) return [];
  const group = t.group ? String(t.group) : null;
  const assignee = t.assignee ? String(t.assignee) : null;
  const everywhere = (view: View, score = 0): Array<[string, number]> => [
    [viewKey(view, 'all'), score],
    ...(group ? [[viewKey(view, `g:${group}`), score] as [string, number]] : []),
    ...(assignee ? [[viewKey(view, `u:${assignee}`), score] as [string, number]] : []),
  ];
  const out: Array<[string, number]> = [];
  if (assignee && HELD.includes(t.status)) out.push([viewKey('mine', `u:${assignee}`), 0]);
  if (!assignee && WAITING.includes(t.status)) out.push(...everywhere('unassigned'));
  if (t.status === 'pending') out.push(...everywhere('pending'));
  if (t.type === 'callback') out.push(...everywhere('callbacks'));
  const deadline = slaDeadline(t);
  if (deadline) out.push(...everywhere('sla', deadline.getTime()));
  return out;
}

/**
 * Swaps a ticket's memberships in one step. A write computed from an older version of the ticket
 * than the one already applied (two processes emitting close together) is ignored.
 */
const SWAP = `
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if previous then
  local state = cjson.decode(previous)
  if tonumber(state.v) > tonumber(ARGV[2]) then return 0 end
  for _, key in ipairs(state.k) do redis.call('ZREM', key, ARGV[1]) end
end
local keys = {}
for i = 3, #ARGV, 2 do
  redis.call('ZADD', ARGV[i], ARGV[i + 1], ARGV[1])
  table.insert(keys, ARGV[i])
end
if #keys == 0 then redis.call('HDEL', KEYS[1], ARGV[1])
else redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({v = tonumber(ARGV[2]), k = keys})) end
return 1`;

export async function syncTicketViews(t: TicketRef): Promise<void> {
  const version = t.updatedAt ? new Date(t.updatedAt).getTime() : Date.now();
  const pairs = memberships(t).flatMap(([key, score]) => [key, String(score)]);
  await redis().eval(SWAP, 1, membersKey(), String(t._id), String(version), ...pairs);
}

const PROJECTION = {
  _id: 1,
  status: 1,
  type: 1,
  group: 1,
  assignee: 1,
  firstResponseAt: 1,
  sla: 1,
  mergedInto: 1,
  updatedAt: 1,
};

/** Rebuilds every open ticket's memberships from MongoDB and drops tickets no longer open. */
export async function reconcileTicketViews(): Promise<{ synced: number; dropped: number }> {
  const open = await Ticket.find({ status: { $in: OPEN } }, PROJECTION).lean<TicketRef[]>();
  const seen = new Set<string>();
  for (const t of open) {
    seen.add(String(t._id));
    await syncTicketViews(t);
  }
  let dropped = 0;
  for (const id of await redis().hkeys(membersKey())) {
    if (seen.has(id)) continue;
    const fresh = await Ticket.findById(id, PROJECTION).lean<TicketRef>();
    await syncTicketViews(
      fresh ?? ({ _id: id as unknown as Types.ObjectId, status: 'closed' } as TicketRef),
    );
    dropped += 1;
  }
  return { synced: open.length, dropped };
}

const isManager = (u: SessionUser) => u.roles.includes('admin') || u.roles.includes('supervisor');

/** Counts a view over several scopes (a ticket in two of them counts once), in one round trip. */
async function countOver(view: View, scopes: Scope[], maxScore: number): Promise<number> {
  const keys = scopes.map((s) => viewKey(view, s));
  const max = maxScore === Infinity ? '+inf' : maxScore;
  if (keys.length === 1) return redis().zcount(keys[0]!, '-inf', max);
  const scratch = redisKey('views', 'scratch', `${process.pid}-${Math.random().toString(36)}`);
  const results = await redis()
    .multi()
    .zunionstore(scratch, keys.length, ...keys, 'AGGREGATE', 'MIN')
    .zcount(scratch, '-inf', max)
    .del(scratch)
    .exec();
  const [error, count] = results?.[1] ?? [new Error('no answer'), 0];
  if (error) throw error;
  return Number(count);
}

export async function ticketViewCounts(
  me: SessionUser,
  now = Date.now(),
): Promise<TicketViewCounts> {
  const scopes: Scope[] = isManager(me)
    ? ['all']
    : [`u:${me.id}`, ...me.groups.map((g): Scope => `g:${g}`)];
  const [mine, unassigned, pending, callbacks, sla, queues] = await Promise.all([
    countOver('mine', [`u:${me.id}`], Infinity),
    countOver('unassigned', scopes, Infinity),
    countOver('pending', scopes, Infinity),
    countOver('callbacks', scopes, Infinity),
    countOver('sla', scopes, now + SLA_RISK_MS),
    Promise.all(me.groups.map((g) => queueCounts(g))),
  ]);
  return {
    mine,
    queue: queues.reduce((sum, q) => sum + q.waiting, 0),
    unassigned,
    pending,
    callbacks,
    sla,
  };
}
