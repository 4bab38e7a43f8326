import mongoose, { type Types } from 'mongoose';
import { config } from '../core/config.js';
import { localParts } from '../core/dates.js';
import { paginate } from '../core/http/pagination.js';
import { Interaction, type InteractionDoc, type Outcome } from './model.js';
import type { InteractionFilterQuery } from './schema.js';

type Id = Types.ObjectId | string;

export interface InteractionInput {
  channel: string;
  direction: 'in' | 'out';
  caller: { kind: 'phone' | 'email' | 'visitor' | 'staff'; value: string };
  contact?: Id | null;
  expert?: Id | null;
  ticket?: Id | null;
  message?: Id | null;
  group?: Id | null;
  startedAt?: Date;
  endedAt?: Date | null;
  outcome: Outcome;
  externalId?: string | null;
  note?: string | null;
}

/** Writes one row of the contact log, with its local-time buckets for reports. */
export async function recordInteraction(input: InteractionInput): Promise<InteractionDoc> {
  const startedAt = input.startedAt ?? new Date();
  const endedAt = input.endedAt ?? null;
  const local = localParts(startedAt, config().DEFAULT_TIMEZONE);
  const doc = await Interaction.create({
    ...input,
    startedAt,
    endedAt,
    durationSec: endedAt
      ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000))
      : null,
    localDay: local.day,
    localHour: local.hour,
    localWeekday: local.weekday,
  });
  return doc.toObject() as InteractionDoc;
}

/** Later facts about the same contact event (delivery, call end): outcome, end and duration. */
export async function updateInteractionOutcome(
  filter: { message?: Id; externalId?: string },
  outcome: Outcome,
  endedAt?: Date,
): Promise<void> {
  const row = await Interaction.findOne(filter).lean<InteractionDoc>();
  if (!row) return;
  const set: Record<string, unknown> = { outcome };
  if (endedAt) {
    set.endedAt = endedAt;
    set.durationSec = Math.max(0, Math.round((endedAt.getTime() - row.startedAt.getTime()) / 1000));
  }
  await Interaction.updateOne({ _id: row._id }, { $set: set });
}

/** Who is looking: experts see their own rows and their groups' rows; managers see everything. */
export interface InteractionViewer {
  id: string;
  roles: readonly string[];
  groups: readonly string[];
}

const oid = (id: string) => new mongoose.Types.ObjectId(id);

/**
 * The one place a list/export query becomes a Mongo filter, visibility rule included. The query
 * is already validated (scalars, 24-hex ids, real dates), so no request value becomes an operator.
 */
export function interactionFilter(
  query: InteractionFilterQuery,
  viewer: InteractionViewer,
): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.channel !== undefined) filter.channel = query.channel;
  if (query.outcome !== undefined) filter.outcome = query.outcome;
  if (query.direction !== undefined) filter.direction = query.direction;
  if (query.expert !== undefined) filter.expert = oid(query.expert);
  if (query.contact !== undefined) filter.contact = oid(query.contact);
  if (query.ticket !== undefined) filter.ticket = oid(query.ticket);
  if (query.group !== undefined) filter.group = oid(query.group);
  if (query.from || query.to) {
    filter.startedAt = {
      ...(query.from ? { $gte: query.from } : {}),
      ...(query.to ? { $lt: query.to } : {}),
    };
  }
  const seesAll = viewer.roles.includes('admin') || viewer.roles.includes('supervisor');
  if (!seesAll) {
    const mine: Record<string, unknown>[] = [{ expert: oid(viewer.id) }];
    if (viewer.groups.length) mine.push({ group: { $in: viewer.groups.map(oid) } });
    filter.$or = mine;
  }
  return filter;
}

/** Newest first, keyset-paged on (startedAt, _id). */
export async function listInteractions(
  query: InteractionFilterQuery & { limit: number; cursor?: string },
  viewer: InteractionViewer,
) {
  return paginate<InteractionDoc>(Interaction, interactionFilter(query, viewer), {
    sortField: 'startedAt',
    direction: 'desc',
    limit: query.limit,
    cursor: query.cursor,
  });
}

/** A server-side cursor over every matching row, newest first, in the list's order. */
export function interactionCursor(query: InteractionFilterQuery, viewer: InteractionViewer) {
  return Interaction.find(interactionFilter(query, viewer))
    .sort({ startedAt: -1, _id: -1 })
    .lean<InteractionDoc[]>()
    .cursor();
}
