import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import {
  bindAttachments,
  loadUnclaimed,
  presentMessageAttachment,
} from '../attachments/service.js';
import { Attachment } from '../attachments/model.js';
import { channelAdapter } from '../channels/registry.js';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { findOrCreateCaller, type ContactHints } from '../contacts/service.js';
import { config } from '../core/config.js';
import { localParts } from '../core/dates.js';
import {
  AppError,
  conflict,
  isDuplicateKeyError,
  notFound,
  unprocessable,
} from '../core/errors.js';
import { nextNumber } from '../core/counters.js';
import { lockKey, withLocks } from '../core/locks.js';
import { ExpertGroup, type ExpertGroupDoc } from '../expert-groups/model.js';
import type { Outcome } from '../interactions/model.js';
import { recordInteraction, updateInteractionOutcome } from '../interactions/service.js';
import { Unit, type UnitDoc } from '../products/model.js';
import {
  assignToExpert,
  assignWaitingTickets,
  capacityOf,
  changeLoad,
  releaseCapacity,
  routeTicket,
} from '../routing/assignment.js';
import { chooseGroup, type RoutingFacts } from '../routing/choose-group.js';
import { publishQueue, recordHandlingTime } from '../routing/queue-stats.js';
import { syncTicketIndex } from '../routing/routing-index.js';
import { scheduleSla, slaDueTimes } from '../sla/service.js';
import { scheduleResolutionSurvey } from '../surveys/service.js';
import { User, type UserDoc } from '../users/model.js';
import { currentTicket, rememberCurrentTicket } from './current-ticket.js';
import { emitMention, emitMessage, emitTicket, emitTransfer } from './events.js';
import { InboundKey, type InboundKeyDoc } from './inbound-key.model.js';
import { Message, type MessageDoc } from './message.model.js';
import {
  OPEN_STATUSES,
  Ticket,
  priorityRank,
  type Channel,
  type Priority,
  type TicketDoc,
  type TicketStatus,
  type TicketType,
} from './model.js';
import { CUSTOMER, SYSTEM, ticketLock, timelineEntry, userLock, type Actor } from './timeline.js';

type Id = Types.ObjectId | string;

export async function getTicket(id: Id): Promise<TicketDoc> {
  const t = await Ticket.findById(id).lean<TicketDoc>();
  if (!t) throw notFound('Ticket');
  return t;
}

/** Applies overflow: a group unstaffed for longer than its limit hands new work to its overflow group. */
async function withOverflow(group: ExpertGroupDoc | null): Promise<ExpertGroupDoc | null> {
  if (!group?.overflowGroup || !group.unstaffedSince) return group;
  const unstaffedMinutes = (Date.now() - group.unstaffedSince.getTime()) / 60_000;
  if (unstaffedMinutes < group.overflowAfterMinutes) return group;
  return (
    (await ExpertGroup.findOne({
      _id: group.overflowGroup,
      active: true,
    }).lean<ExpertGroupDoc>()) ?? group
  );
}

export interface OpenTicketInput {
  contact: ContactDoc;
  channel: Channel;
  subject?: string;
  type?: TicketType;
  priority?: Priority;
  unit?: UnitDoc | null;
  entryPoint?: RoutingFacts['entryPoint'];
  groupId?: string | null;
  tags?: string[];
  actor: Actor;
  /** A channel that must open a ticket exactly once (email) picks its id beforehand. */
  id?: Types.ObjectId;
}

/** Creates a ticket in the one queue: number, group by the routing rules, SLA clock, then routing. */
export async function openTicket(input: OpenTicketInput): Promise<TicketDoc> {
  const chosen = input.groupId
    ? await ExpertGroup.findById(input.groupId).lean<ExpertGroupDoc>()
    : await chooseGroup({
        entryPoint: input.entryPoint,
        productCode: input.unit?.productCode,
        ticketType: input.type,
      });
  const group = await withOverflow(chosen);
  const now = new Date();
  const local = localParts(now, config().DEFAULT_TIMEZONE);
  const due = group ? slaDueTimes(group, now) : null;
  const priority = input.priority ?? 'normal';
  const created = await Ticket.create({
    ...(input.id ? { _id: input.id } : {}),
    number: await nextNumber('ticket', Ticket, 'number'),
    subject: input.subject ?? '',
    channel: input.channel,
    contact: input.contact._id,
    unit: input.unit?._id ?? null,
    type: input.type ?? 'question',
    priority,
    priorityRank: priorityRank(priority),
    status: 'new',
    group: group?._id ?? null,
    entryPoint: input.entryPoint ?? { kind: null, value: null },
    tags: input.tags ?? [],
    queuedAt: now,
    sla: {
      firstResponseDueAt: due?.firstResponseDueAt ?? null,
      resolutionDueAt: due?.resolutionDueAt ?? null,
    },
    timeline: [timelineEntry('created', input.actor, { to: group ? String(group._id) : null })],
    createdDay: local.day,
    createdHour: local.hour,
    createdWeekday: local.weekday,
  });
  const ticket = created.toObject() as TicketDoc;
  await rememberCurrentTicket(ticket.contact, ticket.channel, ticket._id);
  if (due) await scheduleSla(String(ticket._id), due);
  await emitTicket('ticket:created', ticket);
  return (await routeTicket(ticket._id)) ?? (await getTicket(ticket._id));
}

export interface ContactEvent {
  channel: Exclude<Channel, 'console'>;
  direction: 'in' | 'out';
  caller: { kind: 'phone' | 'email' | 'visitor'; value: string };
  contact: ContactHints;
  /** What was said; absent for events without content (a missed call). */
  message?: {
    text: string;
    html?: string | null;
    externalId?: string;
    attachments?: MessageDoc['attachments'];
    authorName?: string;
  };
  /** Where it belongs: an explicit ticket (thread, chat session) or facts to open a new one. */
  ticket?: {
    id?: string;
    forceNew?: boolean;
    subject?: string;
    type?: TicketType;
    priority?: Priority;
    entryPoint?: RoutingFacts['entryPoint'];
    unitSerial?: string | null;
  };
  outcome: Outcome;
  startedAt?: Date;
  endedAt?: Date | null;
  interactionExternalId?: string | null;
  expertId?: string | null;
}

export interface RecordedContact {
  contact: ContactDoc;
  ticket: TicketDoc;
  message: MessageDoc | null;
  createdTicket: boolean;
  duplicate: boolean;
}

/**
 * The one way channels record a contact: finds or creates the contact, appends the message to
 * the right ticket (given, the contact's open ticket on the channel, a recently resolved one
 * reopened, or a new one) and writes the interaction. Idempotent by the message's external id.
 */
export async function recordContact(event: ContactEvent): Promise<RecordedContact> {
  const dedupeKey = event.message?.externalId ?? event.interactionExternalId;
  const run = () => recordContactOnce(event);
  return dedupeKey
    ? withLocks([lockKey('inbound', `${event.channel}:${dedupeKey}`)], run, { waitMs: 10_000 })
    : run();
}

/**
 * Claims `<channel>:<externalId>` with a fresh message id; if it was claimed before, returns the
 * id reserved then (`seen`).
 */
async function claimInbound(
  channel: Channel,
  externalId: string,
): Promise<{ messageId: Types.ObjectId; seen: boolean }> {
  const key = `${channel}:${externalId}`;
  const messageId = new Types.ObjectId();
  try {
    await InboundKey.create({ _id: key, message: messageId });
    return { messageId, seen: false };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const row = await InboundKey.findById(key).lean<InboundKeyDoc>();
    if (!row) throw err;
    return { messageId: row.message, seen: true };
  }
}

/** The message already stored for an event: by its reserved id, else (stored before keys) by its external id. */
async function storedMessage(
  event: ContactEvent,
  reserved: Types.ObjectId | null,
): Promise<MessageDoc | null> {
  const byId = reserved ? await Message.findById(reserved).lean<MessageDoc>() : null;
  return (
    byId ??
    (await Message.findOne({
      channel: event.channel,
      externalId: event.message?.externalId,
    }).lean<MessageDoc>())
  );
}

async function recordContactOnce(event: ContactEvent): Promise<RecordedContact> {
  let reserved: Types.ObjectId | null = null;
  if (event.message?.externalId) {
    const claim = await claimInbound(event.channel, event.message.externalId);
    reserved = claim.messageId;
    // Seen with no message yet: the earlier attempt stopped half way; finish it with its id.
    const existing = claim.seen ? await Message.findById(claim.messageId).lean<MessageDoc>() : null;
    if (existing) {
      const [ticket, contact] = await Promise.all([
        getTicket(existing.ticket),
        Contact.findById(existing.contact).lean<ContactDoc>(),
      ]);
      return {
        contact: contact!,
        ticket,
        message: existing,
        createdTicket: false,
        duplicate: true,
      };
    }
  }
  const { contact, created: newContact } = await findOrCreateCaller(event.contact);
  const { ticket, created } = await withLocks(
    [lockKey('contact-channel', `${contact._id}:${event.channel}`)],
    () => ticketForContact(contact, event, newContact),
  );
  let message: MessageDoc | null = null;
  if (event.message) {
    try {
      message = await storeMessage(ticket, contact, event, reserved);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const existing = await storedMessage(event, reserved);
      return { contact, ticket, message: existing, createdTicket: false, duplicate: true };
    }
  }
  await recordInteraction({
    channel: event.channel,
    direction: event.direction,
    caller: event.caller,
    contact: contact._id,
    expert: event.expertId ?? ticket.assignee ?? null,
    ticket: ticket._id,
    message: message?._id ?? null,
    group: ticket.group ?? null,
    startedAt: event.startedAt,
    endedAt: event.endedAt,
    outcome: event.outcome,
    externalId: event.interactionExternalId ?? event.message?.externalId ?? null,
  });
  const current =
    event.direction === 'in' && message ? await afterCustomerMessage(ticket._id) : ticket;
  if (message) emitMessage(current, message);
  return { contact, ticket: current, message, createdTicket: created, duplicate: false };
}

/**
 * The ticket the event belongs to. The contact's open ticket on the channel comes from its
 * pointer (by `_id`); the tickets are queried only when the pointer cannot tell (not open any
 * more, cleared by a merge, or missing for a contact that existed before this call).
 */
async function ticketForContact(
  contact: ContactDoc,
  event: ContactEvent,
  newContact: boolean,
): Promise<{ ticket: TicketDoc; created: boolean }> {
  if (event.ticket?.id) {
    const t = await getTicket(event.ticket.id);
    if (String(t.contact) !== String(contact._id))
      throw unprocessable('ticket_contact_mismatch', 'The ticket belongs to another contact');
    return { ticket: t, created: false };
  }
  if (!event.ticket?.forceNew) {
    const pointed = await currentTicket(contact._id, event.channel);
    if (pointed.ticket) return { ticket: pointed.ticket, created: false };
    const found = newContact && !pointed.exists ? null : await queryTicketFor(contact, event);
    if (found) {
      await rememberCurrentTicket(contact._id, event.channel, found._id);
      return { ticket: found, created: false };
    }
  }
  const unit = event.ticket?.unitSerial
    ? await Unit.findOne({ serial: event.ticket.unitSerial.toUpperCase() }).lean<UnitDoc>()
    : null;
  const ticket = await openTicket({
    contact,
    channel: event.channel,
    subject: event.ticket?.subject ?? event.message?.text.slice(0, 120) ?? '',
    type: event.ticket?.type,
    priority: event.ticket?.priority,
    unit,
    entryPoint: event.ticket?.entryPoint,
    actor: event.direction === 'in' ? CUSTOMER : SYSTEM,
  });
  return { ticket, created: true };
}

/** The contact's newest open ticket on the channel, else (a customer writing) a recently resolved one. */
async function queryTicketFor(contact: ContactDoc, event: ContactEvent): Promise<TicketDoc | null> {
  const open = await Ticket.findOne({
    contact: contact._id,
    channel: event.channel,
    status: { $in: OPEN_STATUSES },
  })
    .sort({ createdAt: -1 })
    .lean<TicketDoc>();
  if (open || event.direction !== 'in') return open;
  const reopenAfter = new Date(Date.now() - config().TICKET_REOPEN_DAYS * 24 * 3600 * 1000);
  return Ticket.findOne({
    contact: contact._id,
    channel: event.channel,
    status: 'resolved',
    resolvedAt: { $gte: reopenAfter },
  })
    .sort({ resolvedAt: -1 })
    .lean<TicketDoc>();
}

async function storeMessage(
  ticket: TicketDoc,
  contact: ContactDoc,
  event: ContactEvent,
  id: Types.ObjectId | null,
): Promise<MessageDoc> {
  const m = event.message!;
  const doc = await Message.create({
    ...(id ? { _id: id } : {}),
    ticket: ticket._id,
    contact: contact._id,
    direction: event.direction,
    channel: event.channel,
    authorKind: event.direction === 'in' ? 'contact' : 'system',
    authorName: m.authorName ?? (event.direction === 'in' ? contact.name : ''),
    text: m.text,
    html: m.html ?? null,
    attachments: m.attachments ?? [],
    externalId: m.externalId ?? `gen:${randomUUID()}`,
    deliveryStatus: event.direction === 'in' ? 'received' : 'sent',
  });
  return doc.toObject() as MessageDoc;
}

/**
 * A customer wrote at `at`: the ticket's last-message times move forward, pending goes back to
 * the expert, a resolved or closed ticket reopens.
 */
export async function afterCustomerMessage(ticketId: Id, at = new Date()): Promise<TicketDoc> {
  const { before, updated } = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    const latest = (d: Date | null | undefined) => (d && d > at ? d : at);
    const set: Record<string, unknown> = {
      lastMessageAt: latest(t.lastMessageAt),
      lastCustomerMessageAt: latest(t.lastCustomerMessageAt),
    };
    const push: Record<string, unknown> = {};
    if (t.status === 'pending') {
      set.status = 'assigned';
      push.timeline = timelineEntry('status', CUSTOMER, {
        from: 'pending',
        to: 'assigned',
        note: 'customer replied',
      });
    }
    const next = await Ticket.findByIdAndUpdate(
      t._id,
      { $set: set, ...(push.timeline ? { $push: push } : {}) },
      { new: true },
    ).lean<TicketDoc>();
    return { before: t, updated: next! };
  });
  if (before.status === 'resolved' || before.status === 'closed')
    return reopenTicket(String(ticketId), CUSTOMER, 'customer wrote again');
  if (updated.status !== before.status) await emitTicket('ticket:updated', updated);
  return updated;
}

/**
 * Reopens a resolved or closed ticket: back to its expert if they are online with room,
 * else into the group queue.
 */
export async function reopenTicket(
  ticketId: string,
  actor: Actor,
  note: string | null = null,
): Promise<TicketDoc> {
  const outcome = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    if (t.status !== 'resolved' && t.status !== 'closed')
      throw conflict('not_closed', 'Only resolved or closed tickets can be reopened');
    const back = t.assignee ? await tryReserve(String(t.assignee), t) : false;
    const next = await Ticket.findByIdAndUpdate(
      ticketId,
      {
        $set: back
          ? { status: 'assigned', resolvedAt: null, closedAt: null }
          : {
              status: 'queued',
              assignee: null,
              queuedAt: new Date(),
              resolvedAt: null,
              closedAt: null,
            },
        $push: {
          timeline: timelineEntry('reopened', actor, {
            from: t.status,
            to: back ? 'assigned' : 'queued',
            note,
          }),
        },
      },
      { new: true },
    ).lean<TicketDoc>();
    return next!;
  });
  await syncTicketIndex(outcome);
  await emitTicket('ticket:updated', outcome);
  if (outcome.status === 'queued')
    return (await routeTicket(outcome._id)) ?? (await getTicket(outcome._id));
  return outcome;
}

/** Takes one unit of an expert's capacity if they are online and under it (caller holds the ticket lock). */
async function tryReserve(expertId: string, t: TicketDoc): Promise<boolean> {
  return withLocks([userLock(expertId)], async () => {
    const u = await User.findById(expertId).lean<UserDoc>();
    const group = t.group ? await ExpertGroup.findById(t.group).lean<ExpertGroupDoc>() : null;
    if (!u || !u.active || u.presence !== 'online' || u.activeCount >= capacityOf(u, group))
      return false;
    await changeLoad(expertId, +1);
    return true;
  });
}

const HOLDS_CAPACITY: readonly TicketStatus[] = ['assigned', 'pending'];

type StatusListener = (ticket: TicketDoc) => Promise<void>;
const statusListeners: StatusListener[] = [];

/** Channels that must react to an expert's status change (web chat: "chat ended"). */
export function onTicketStatusChanged(listener: StatusListener): void {
  if (!statusListeners.includes(listener)) statusListeners.push(listener);
}

/** Expert-driven status changes: pending, resolved, closed; reopening goes through reopenTicket. */
export async function changeStatus(
  ticketId: string,
  to: 'pending' | 'resolved' | 'closed' | 'open',
  actor: Actor,
  note: string | null = null,
): Promise<TicketDoc> {
  if (to === 'open') return reopenTicket(ticketId, actor, note);
  const { ticket, freed } = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    if (t.status === to) return { ticket: t, freed: null };
    if (to === 'pending' && t.status !== 'assigned')
      throw conflict('invalid_transition', `A ${t.status} ticket cannot be set to pending`);
    if (to === 'resolved' && !OPEN_STATUSES.includes(t.status))
      throw conflict('invalid_transition', `A ${t.status} ticket cannot be resolved`);
    const now = new Date();
    const set: Record<string, unknown> = { status: to };
    if (to === 'resolved') set.resolvedAt = now;
    if (to === 'closed') set.closedAt = now;
    const next = await Ticket.findByIdAndUpdate(
      ticketId,
      {
        $set: set,
        $push: { timeline: timelineEntry('status', actor, { from: t.status, to, note }) },
      },
      { new: true },
    ).lean<TicketDoc>();
    const releases =
      HOLDS_CAPACITY.includes(t.status) && !HOLDS_CAPACITY.includes(to) && t.assignee;
    return { ticket: next!, freed: releases ? String(t.assignee) : null };
  });
  await syncTicketIndex(ticket);
  await emitTicket('ticket:updated', ticket);
  if (to === 'resolved' && ticket.group && ticket.assignedAt && ticket.resolvedAt) {
    await recordHandlingTime(
      String(ticket.group),
      (ticket.resolvedAt.getTime() - ticket.assignedAt.getTime()) / 1000,
    );
  }
  if (freed) await releaseCapacity(freed);
  if (ticket.group) await publishQueue(String(ticket.group));
  if (to === 'resolved') await scheduleResolutionSurvey(ticket);
  for (const listener of statusListeners) await listener(ticket);
  return ticket;
}

export interface TicketFieldChanges {
  priority?: Priority;
  type?: TicketType;
  tags?: string[];
  faultCode?: string | null;
  unitSerial?: string | null;
  subject?: string;
}

export async function updateTicketFields(
  ticketId: string,
  changes: TicketFieldChanges,
  actor: Actor,
): Promise<TicketDoc> {
  let unitId: Types.ObjectId | null | undefined;
  if (changes.unitSerial !== undefined) {
    if (changes.unitSerial === null) unitId = null;
    else {
      const unit = await Unit.findOne({ serial: changes.unitSerial }).lean<UnitDoc>();
      if (!unit) throw unprocessable('unknown_serial', `No unit with serial ${changes.unitSerial}`);
      unitId = unit._id;
    }
  }
  const ticket = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    const set: Record<string, unknown> = {};
    const entries = [];
    const field = (name: string, from: unknown, to: unknown) => {
      set[name] = to;
      entries.push(
        timelineEntry(name, actor, {
          from: from == null ? null : String(from),
          to: to == null ? null : String(to),
        }),
      );
    };
    if (changes.priority && changes.priority !== t.priority) {
      field('priority', t.priority, changes.priority);
      set.priorityRank = priorityRank(changes.priority);
    }
    if (changes.type && changes.type !== t.type) field('type', t.type, changes.type);
    if (changes.subject !== undefined && changes.subject !== t.subject)
      field('subject', t.subject, changes.subject);
    if (changes.faultCode !== undefined && changes.faultCode !== (t.faultCode ?? null))
      field('faultCode', t.faultCode, changes.faultCode);
    if (unitId !== undefined && String(unitId) !== String(t.unit ?? null))
      field('unit', t.unit, unitId);
    if (changes.tags) {
      set.tags = [...new Set(changes.tags)];
      entries.push(
        timelineEntry('tags', actor, {
          from: t.tags.join(','),
          to: (set.tags as string[]).join(','),
        }),
      );
    }
    if (!entries.length) return t;
    return (await Ticket.findByIdAndUpdate(
      ticketId,
      { $set: set, $push: { timeline: { $each: entries } } },
      { new: true },
    ).lean<TicketDoc>())!;
  });
  await syncTicketIndex(ticket);
  await emitTicket('ticket:updated', ticket);
  return ticket;
}

/** Moves a ticket to another group's queue or straight to an expert, with a note. */
export async function transferTicket(
  ticketId: string,
  target: { groupId?: string; expertId?: string; note?: string | null },
  actor: Actor,
): Promise<TicketDoc> {
  const before = await getTicket(ticketId);
  if (!OPEN_STATUSES.includes(before.status))
    throw conflict('invalid_transition', 'Only open tickets can be transferred');
  const toGroup = target.groupId ?? (before.group ? String(before.group) : null);
  if (target.groupId && !(await ExpertGroup.exists({ _id: target.groupId, active: true })))
    throw unprocessable('unknown_group', 'The target group does not exist');
  const from = {
    group: before.group ? String(before.group) : null,
    assignee: before.assignee ? String(before.assignee) : null,
  };
  const previousHolder =
    before.assignee && HOLDS_CAPACITY.includes(before.status) ? String(before.assignee) : null;
  if (target.expertId && target.expertId === from.assignee)
    throw unprocessable('same_expert', 'The ticket is already with this expert');

  const queued = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    if (String(t.assignee ?? '') !== String(before.assignee ?? '') || t.status !== before.status) {
      throw conflict('ticket_changed', 'The ticket changed meanwhile; reload and try again');
    }
    return (await Ticket.findByIdAndUpdate(
      ticketId,
      {
        $set: {
          group: toGroup,
          assignee: null,
          status: 'queued',
          queuedAt: t.queuedAt ?? new Date(),
        },
        $push: {
          timeline: timelineEntry('transferred', actor, {
            from: from.assignee ?? from.group,
            to: target.expertId ?? toGroup,
            note: target.note ?? null,
          }),
        },
      },
      { new: true },
    ).lean<TicketDoc>())!;
  });
  await syncTicketIndex(queued, from.group);
  // Capacity goes back now; the expert refills only after the transfer settled, so the
  // ticket they just handed over is not offered straight back to them.
  if (previousHolder) await releaseCapacity(previousHolder, false);
  let result = queued;
  if (target.expertId) {
    try {
      result = await assignToExpert(ticketId, target.expertId, actor);
    } catch (err) {
      result = (await routeTicket(ticketId)) ?? (await getTicket(ticketId));
      await emitTransfer(result, from, target.note ?? null);
      if (previousHolder) await assignWaitingTickets(previousHolder);
      throw err;
    }
  } else {
    result = (await routeTicket(ticketId)) ?? (await getTicket(ticketId));
  }
  await emitTransfer(result, from, target.note ?? null);
  if (previousHolder) await assignWaitingTickets(previousHolder);
  if (from.group) await publishQueue(from.group);
  return result;
}

/**
 * Puts a ticket an expert holds back in its group's queue, then routes it like a new arrival.
 * Returns null when the ticket was not held by `expectedHolder` (when given) any more.
 */
export async function requeueTicket(
  ticketId: Id,
  actor: Actor,
  expectedHolder?: string,
): Promise<TicketDoc | null> {
  const requeued = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    const holder = t.assignee ? String(t.assignee) : null;
    if (!holder || !HOLDS_CAPACITY.includes(t.status) || t.mergedInto) {
      if (expectedHolder) return null;
      throw conflict('invalid_transition', 'Only a ticket an expert holds can be requeued');
    }
    if (expectedHolder && holder !== expectedHolder) return null;
    const updated = await Ticket.findByIdAndUpdate(
      t._id,
      {
        $set: { assignee: null, status: 'queued', queuedAt: t.queuedAt ?? new Date() },
        $push: { timeline: timelineEntry('requeued', actor, { from: holder, to: 'queued' }) },
      },
      { new: true },
    ).lean<TicketDoc>();
    await syncTicketIndex(updated!);
    return { ticket: updated!, holder };
  });
  if (!requeued) return null;
  await releaseCapacity(requeued.holder, false);
  await emitTicket('ticket:updated', requeued.ticket);
  return (await routeTicket(requeued.ticket._id)) ?? (await getTicket(requeued.ticket._id));
}

/** Supervisors' one action: every open ticket of an expert goes back to its group queue. */
export async function requeueExpertTickets(expertId: string, actor: Actor): Promise<number> {
  const tickets = await Ticket.find(
    { assignee: expertId, status: { $in: ['assigned', 'pending'] } },
    { _id: 1 },
  ).lean<TicketDoc[]>();
  let moved = 0;
  for (const { _id } of tickets) if (await requeueTicket(_id, actor, expertId)) moved += 1;
  return moved;
}

/** Merges `sourceId` into `targetId` (same contact): messages move, the source closes. */
export async function mergeTickets(
  targetId: string,
  sourceId: string,
  actor: Actor,
): Promise<TicketDoc> {
  if (targetId === sourceId)
    throw unprocessable('merge_self', 'A ticket cannot be merged into itself');
  const [target, source] = await Promise.all([getTicket(targetId), getTicket(sourceId)]);
  if (String(target.contact) !== String(source.contact))
    throw unprocessable('different_contacts', 'Only tickets of the same contact can be merged');
  if (source.mergedInto) throw conflict('already_merged', 'The source ticket was already merged');
  if (target.mergedInto)
    throw conflict('already_merged', 'The target ticket was itself merged away');
  const freed = await withLocks([ticketLock(sourceId)], async () => {
    const s = await getTicket(sourceId);
    await Message.updateMany({ ticket: s._id }, { $set: { ticket: target._id } });
    // Files follow their messages: who may download them is decided by the ticket they are on.
    await Attachment.updateMany({ ticket: s._id }, { $set: { ticket: target._id } });
    await Ticket.updateOne(
      { _id: s._id },
      {
        $set: { status: 'closed', closedAt: new Date(), mergedInto: target._id },
        $push: {
          timeline: timelineEntry('merged-into', actor, { from: s.status, to: String(target._id) }),
        },
      },
    );
    if (s.group) await syncTicketIndex({ ...s, status: 'closed' });
    return s.assignee && HOLDS_CAPACITY.includes(s.status) ? String(s.assignee) : null;
  });
  const merged = await withLocks(
    [ticketLock(targetId)],
    async () =>
      (await Ticket.findByIdAndUpdate(
        targetId,
        {
          $addToSet: { tags: { $each: source.tags } },
          $push: {
            timeline: timelineEntry('merged-from', actor, {
              from: String(source._id),
              to: String(target._id),
            }),
          },
        },
        { new: true },
      ).lean<TicketDoc>())!,
  );
  if (freed) await releaseCapacity(freed);
  await emitTicket('ticket:updated', merged);
  await emitTicket('ticket:updated', await getTicket(sourceId));
  return merged;
}

/** An internal note (never sent to the customer); mentioned experts are notified. */
export async function addNote(
  ticketId: string,
  text: string,
  mentionIds: string[],
  author: { id: string; displayName: string },
  attachmentIds: readonly string[] = [],
): Promise<MessageDoc> {
  const ticket = await getTicket(ticketId);
  const files = await loadUnclaimed(attachmentIds, ticket._id, { kind: 'expert', id: author.id });
  const mentioned = mentionIds.length
    ? await User.find({ _id: { $in: mentionIds }, active: true }, { _id: 1 }).lean<
        Array<{ _id: Types.ObjectId }>
      >()
    : [];
  if (mentioned.length !== new Set(mentionIds).size)
    throw unprocessable('unknown_user', 'A mentioned user does not exist');
  const note = await Message.create({
    ticket: ticket._id,
    contact: ticket.contact,
    direction: 'internal',
    channel: 'note',
    authorKind: 'expert',
    author: author.id,
    authorName: author.displayName,
    text,
    externalId: `note:${randomUUID()}`,
    mentions: mentioned.map((m) => m._id),
    attachments: files.map(presentMessageAttachment),
    deliveryStatus: 'delivered',
  });
  await bindAttachments(files, note._id);
  const doc = note.toObject() as MessageDoc;
  emitMessage(ticket, doc);
  if (mentioned.length)
    await emitMention(
      mentioned.map((m) => String(m._id)),
      ticket,
      doc,
      author.id,
    );
  return doc;
}

/**
 * An expert's reply to the customer on the ticket's channel or another the contact has. The
 * message and its interaction are stored first, then handed to the channel.
 */
export async function replyToTicket(
  ticketId: string,
  input: { text: string; channel?: string; attachments?: readonly string[] },
  author: { id: string; displayName: string },
): Promise<MessageDoc> {
  const ticket = await getTicket(ticketId);
  if (ticket.mergedInto)
    throw conflict(
      'ticket_merged',
      'This ticket was merged; reply on the ticket it was merged into',
    );
  const channel = input.channel ?? ticket.channel;
  const adapter = channelAdapter(channel);
  if (!adapter)
    throw unprocessable(
      'channel_unavailable',
      `Replies on ${channel} are not available; choose another channel`,
    );
  const contact = await Contact.findById(ticket.contact).lean<ContactDoc>();
  if (!contact) throw unprocessable('contact_unreachable', 'The ticket has no customer');
  const refusal = await adapter.reach(contact, ticket);
  if (refusal) throw refusal;
  const files = await loadUnclaimed(input.attachments ?? [], ticket._id, {
    kind: 'expert',
    id: author.id,
  });
  const created = await Message.create({
    ticket: ticket._id,
    contact: contact._id,
    direction: 'out',
    channel,
    authorKind: 'expert',
    author: author.id,
    authorName: author.displayName,
    text: input.text,
    attachments: files.map(presentMessageAttachment),
    externalId: `out:${randomUUID()}`,
    deliveryStatus: 'queued',
  });
  await bindAttachments(files, created._id);
  let message = created.toObject() as MessageDoc;
  await recordInteraction({
    channel,
    direction: 'out',
    caller: { kind: 'staff', value: author.id },
    contact: contact._id,
    expert: author.id,
    ticket: ticket._id,
    message: message._id,
    group: ticket.group ?? null,
    outcome: 'queued',
  });
  const now = new Date();
  const updatedTicket = await withLocks([ticketLock(ticketId)], async () => {
    const t = await getTicket(ticketId);
    const set: Record<string, unknown> = { lastMessageAt: now };
    if (!t.firstResponseAt) set.firstResponseAt = now;
    return (await Ticket.findByIdAndUpdate(
      ticketId,
      { $set: set },
      { new: true },
    ).lean<TicketDoc>())!;
  });
  emitMessage(updatedTicket, message);
  try {
    const sent = await adapter.send(message, updatedTicket, contact);
    // A channel that hands the send to a job owns the message from here (its worker may already
    // have written sent or failed); only a synchronous hand-over is recorded here.
    if (sent.status !== 'queued' || sent.externalId) {
      message = (await Message.findByIdAndUpdate(
        message._id,
        {
          $set: {
            deliveryStatus: sent.status,
            ...(sent.externalId ? { externalId: sent.externalId } : {}),
          },
        },
        { new: true },
      ).lean<MessageDoc>())!;
    }
    if (sent.status !== 'queued')
      await updateInteractionOutcome({ message: message._id }, sent.status);
  } catch (err) {
    await Message.updateOne(
      { _id: message._id },
      {
        $set: {
          deliveryStatus: 'failed',
          deliveryError: (err as Error).message,
          deliveryErrorCode: err instanceof AppError ? err.code : null,
        },
      },
    );
    await updateInteractionOutcome({ message: message._id }, 'failed');
    throw err;
  }
  if (!ticket.firstResponseAt) await emitTicket('ticket:updated', updatedTicket);
  return message;
}
