import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { ChatStartResult, QueueStatus, VisitorChat, VisitorMessage } from '@cc/shared';
import type { z } from 'zod';
import {
  bindAttachments,
  loadUnclaimed,
  presentMessageAttachment,
} from '../../attachments/service.js';
import { openCallback } from '../../callbacks/service.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { withLocks } from '../../core/locks.js';
import { ExpertGroup, type ExpertGroupDoc } from '../../expert-groups/model.js';
import { recordInteraction, updateInteractionOutcome } from '../../interactions/service.js';
import { Unit, type UnitDoc } from '../../products/model.js';
import { isOpenAt, type BusinessHours } from '../../routing/business-hours.js';
import { chooseGroup } from '../../routing/choose-group.js';
import { queuePosition } from '../../routing/queue-stats.js';
import { noteCustomerMessage } from '../../tickets/customer-activity.js';
import { emitMessage, emitTicket } from '../../tickets/events.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { OPEN_STATUSES, Ticket, ticketNumberLabel, type TicketDoc } from '../../tickets/model.js';
import { getTicket, recordContact } from '../../tickets/service.js';
import { ticketState, type TicketState } from '../../tickets/ticket-state.js';
import { CUSTOMER, ticketLock, timelineEntry } from '../../tickets/timeline.js';
import { User } from '../../users/model.js';
import { emitToVisitors } from './emitter.js';
import { consumeVisitorBudget } from './limits.js';
import {
  cacheCurrentSession,
  cachedCurrentSession,
  claimClientMessage,
  forgetCurrentSession,
} from './session-cache.js';
import { storeVisitorMessage } from './message-store.js';
import { WebchatSession, type WebchatSessionDoc, type WidgetKeyDoc } from './model.js';
import { presentVisitorChat, presentVisitorMessage } from './presenter.js';
import type {
  callbackRequestSchema,
  chatEndSchema,
  chatRateSchema,
  chatStartSchema,
  historySinceSchema,
  messageSendSchema,
  offlineMessageSchema,
} from './schema.js';
import { webchatSettings } from './settings.js';

/** Who is asking: the verified visitor id, the widget key of the handshake and the IP. */
export interface Visitor {
  visitorId: string;
  key: WidgetKeyDoc;
  ip: string;
  /** The host page's user, when its server signed it (ContactCentre.setUser). */
  verifiedUser?: { name?: string; email?: string; phone?: string } | null;
}

const HISTORY_LIMIT = 500;
const caller = (v: Visitor) => ({ kind: 'visitor' as const, value: v.visitorId });

/** The visitor's own session for this ticket, or their current chat; never anyone else's. */
export async function ownSession(v: Visitor, ticketId?: string): Promise<WebchatSessionDoc> {
  const current = await currentSession(v.visitorId);
  if (current && (!ticketId || String(current.ticket) === ticketId)) return current;
  const session = ticketId
    ? await WebchatSession.findOne({
        visitorId: v.visitorId,
        ticket: ticketId,
      }).lean<WebchatSessionDoc>()
    : null;
  if (!session && !ticketId) throw new AppError(404, 'no_chat', 'Start a chat first');
  if (!session) throw notFound('Chat');
  return session;
}

/** The visitor's latest chat that is not ended (and whose ticket is still open). */
export async function currentSession(visitorId: string): Promise<WebchatSessionDoc | null> {
  const cached = await cachedCurrentSession(visitorId);
  let s: WebchatSessionDoc | null = null;
  if (cached) {
    s = await WebchatSession.findById(cached).lean<WebchatSessionDoc>();
    if (s && (s.endedAt || s.visitorId !== visitorId)) s = null;
  } else if (cached === undefined) {
    s = await WebchatSession.findOne({ visitorId, kind: 'chat', endedAt: null })
      .sort({ startedAt: -1 })
      .lean<WebchatSessionDoc>();
    await cacheCurrentSession(visitorId, s ? String(s._id) : null);
  }
  if (!s) return null;
  const t = await ticketState(s.ticket);
  return t && OPEN_STATUSES.includes(t.status) ? s : null;
}

export async function expertName(t: TicketDoc): Promise<string | null> {
  if (!t.assignee) return null;
  const u = await User.findById(t.assignee, { displayName: 1 }).lean<{ displayName: string }>();
  return u?.displayName ?? null;
}

export async function describeChat(
  session: WebchatSessionDoc,
): Promise<{ chat: VisitorChat; ticket: TicketDoc }> {
  const t = await getTicket(session.ticket);
  return { chat: presentVisitorChat(session, t, await expertName(t)), ticket: t };
}

export async function queueStatus(t: TicketDoc): Promise<QueueStatus | null> {
  const q = await queuePosition(t);
  return q ? { ticketId: String(t._id), ...q } : null;
}

const entryPoint = (topic: string | null) =>
  topic ? { kind: 'webchat-topic' as const, value: topic } : undefined;

/** The group the chat would be routed to, and whether someone there can answer now. */
async function availability(
  topic: string | null,
  unit: UnitDoc | null,
  key: WidgetKeyDoc,
): Promise<{ online: true } | { online: false; reason: 'no_expert_online' | 'closed' }> {
  let group = await chooseGroup({ entryPoint: entryPoint(topic), productCode: unit?.productCode });
  if (!group && key.defaultGroup)
    group = await ExpertGroup.findOne({
      _id: key.defaultGroup,
      active: true,
    }).lean<ExpertGroupDoc>();
  if (!group) return { online: false, reason: 'no_expert_online' };
  if (group.businessHours && !isOpenAt(group.businessHours as unknown as BusinessHours, new Date()))
    return { online: false, reason: 'closed' };
  const someone = await User.exists({ groups: group._id, presence: 'online', active: true });
  return someone ? { online: true } : { online: false, reason: 'no_expert_online' };
}

const contactHints = (
  v: Visitor,
  h: { name?: string | null; phone?: string | null; email?: string | null },
) => ({
  name: h.name ?? null,
  phone: h.phone ?? null,
  email: h.email ?? null,
  visitorId: v.visitorId,
});

/** The signed user's fields win over what was typed into the pre-chat form. */
function verifiedFields(v: Visitor) {
  const u = v.verifiedUser;
  if (!u) return {};
  return {
    ...(u.name ? { name: u.name } : {}),
    ...(u.phone ? { phone: u.phone } : {}),
    ...(u.email ? { email: u.email } : {}),
  };
}

/** Pre-chat form submitted: the visitor's current chat, or a new webchat ticket when staffed. */
export async function startChat(
  v: Visitor,
  input: z.infer<typeof chatStartSchema>,
): Promise<ChatStartResult> {
  const existing = await currentSession(v.visitorId);
  if (existing) {
    const t = await getTicket(existing.ticket);
    return {
      online: true,
      chat: presentVisitorChat(existing, t, await expertName(t)),
      queue: await queueStatus(t),
    };
  }
  const topic = input.topic ?? v.key.defaultTopic ?? null;
  const unit = input.serial
    ? await Unit.findOne({ serial: input.serial.toUpperCase() }).lean<UnitDoc>()
    : null;
  const available = await availability(topic, unit, v.key);
  if (!available.online) return available;
  await consumeVisitorBudget('conversation', v.visitorId, v.ip);
  const sessionId = `webchat-session:${randomUUID()}`;
  const now = new Date();
  const identity = { ...input, ...verifiedFields(v) };
  const { ticket, contact } = await recordContact({
    channel: 'webchat',
    direction: 'in',
    caller: caller(v),
    contact: contactHints(v, identity),
    ticket: {
      forceNew: true,
      subject: topic ? `Web chat: ${topic}` : 'Web chat',
      entryPoint: entryPoint(topic),
      unitSerial: input.serial ?? null,
    },
    outcome: 'queued',
    startedAt: now,
    interactionExternalId: sessionId,
  });
  const session = (
    await WebchatSession.create({
      visitorId: v.visitorId,
      ticket: ticket._id,
      contact: contact._id,
      widgetKey: v.key.key,
      kind: 'chat',
      hints: {
        name: identity.name,
        phone: identity.phone ?? null,
        email: identity.email ?? null,
      },
      verifiedUser: Boolean(v.verifiedUser),
      topic,
      interactionId: sessionId,
      startedAt: now,
    })
  ).toObject() as WebchatSessionDoc;
  await cacheCurrentSession(v.visitorId, String(session._id));
  return {
    online: true,
    chat: presentVisitorChat(session, ticket, await expertName(ticket)),
    queue: await queueStatus(ticket),
  };
}

/** What a visitor socket keeps between messages: its live chat session, checked against Redis. */
export interface ChatMemo {
  session: LiveSession | null;
}

/** What a socket keeps of its chat session: enough to check it and to file messages. */
export interface LiveSession {
  id: string;
  ticket: string;
  endedAt: Date | null;
}
export const liveView = (s: WebchatSessionDoc): LiveSession => ({
  id: String(s._id),
  ticket: String(s.ticket),
  endedAt: s.endedAt ?? null,
});

/**
 * The session a message or typing event is for: the socket's remembered one while Redis still
 * names it the visitor's current chat (one Redis read), else looked up and remembered.
 */
export async function liveSession(
  v: Visitor,
  ticketId: string | undefined,
  memo: ChatMemo,
): Promise<LiveSession> {
  const remembered = memo.session;
  if (
    remembered &&
    (await cachedCurrentSession(v.visitorId)) === remembered.id &&
    (!ticketId || remembered.ticket === ticketId)
  )
    return remembered;
  const session = liveView(await ownSession(v, ticketId));
  memo.session = session.endedAt ? null : session;
  return session;
}

/**
 * A visitor message: stored (once per client id) before the caller acknowledges it, then sent
 * to the expert or group. No database read on the way: the session is the socket's, the
 * ticket's state is the process's copy, the message joins the next group insert, and the
 * ticket's own fields follow after the ack (customer-activity.ts). A chat session is one
 * interaction (written when it starts and ends), so a message writes none.
 */
export async function sendMessage(
  v: Visitor,
  input: z.infer<typeof messageSendSchema>,
  memo: ChatMemo = { session: null },
): Promise<{ message: VisitorMessage; ticket: TicketState }> {
  const max = webchatSettings().maxMessageChars;
  if (input.text.length > max)
    throw new AppError(
      413,
      'message_too_long',
      `The message has ${input.text.length} characters; the limit is ${max}`,
      { limit: max, length: input.text.length },
    );
  // The three Redis calls run side by side.
  const fresh = new Types.ObjectId();
  const [session, , reserved] = await Promise.all([
    liveSession(v, input.ticketId, memo),
    consumeVisitorBudget('message', v.visitorId, v.ip),
    claimClientMessage(v.visitorId, input.clientId, String(fresh)),
  ]);
  const ticket = await ticketState(session.ticket);
  if (!ticket) throw notFound('Chat');
  const answer = (m: MessageDoc) => ({ message: presentVisitorMessage(m, v.visitorId), ticket });
  // A resend of a message already stored gets the stored one, also after the chat ended.
  const earlier = reserved ? await Message.findById(reserved).lean<MessageDoc>() : null;
  if (earlier) return answer(earlier);
  if (session.endedAt) throw conflict('chat_ended', 'This chat has ended; start a new one');
  const files = await loadUnclaimed(input.attachments, session.ticket, {
    kind: 'contact',
    id: v.visitorId,
  });
  const { message, duplicate } = await storeVisitorMessage({
    _id: reserved ? new Types.ObjectId(reserved) : fresh,
    ticket: new Types.ObjectId(ticket.id),
    contact: new Types.ObjectId(ticket.contact),
    authorName: ticket.contactName,
    text: input.text,
    // The message schema's document array accepts these plain objects.
    attachments: files.map(presentMessageAttachment) as unknown as MessageDoc['attachments'],
    externalId: `webchat:${v.visitorId}:${input.clientId}`,
  });
  if (duplicate) return answer(message);
  await bindAttachments(files, message._id);
  emitMessage(ticket, message);
  noteCustomerMessage(ticket, message.createdAt);
  return answer(message);
}

/** Exactly the visible messages after `afterMessageId` (all of them without it), oldest first. */
export async function historySince(
  v: Visitor,
  input: z.infer<typeof historySinceSchema>,
): Promise<{ ticketId: string; messages: VisitorMessage[]; hasMore: boolean }> {
  const session = await ownSession(v, input.ticketId);
  const filter: Record<string, unknown> = {
    ticket: session.ticket,
    direction: { $in: ['in', 'out'] },
  };
  if (input.afterMessageId) {
    const anchor = await Message.findOne({
      _id: input.afterMessageId,
      ticket: session.ticket,
    }).lean<MessageDoc>();
    if (!anchor) throw notFound('Message');
    filter.$or = [
      { createdAt: { $gt: anchor.createdAt } },
      { createdAt: anchor.createdAt, _id: { $gt: anchor._id } },
    ];
  }
  const messages = await Message.find(filter)
    .sort({ createdAt: 1, _id: 1 })
    .limit(HISTORY_LIMIT + 1)
    .lean<MessageDoc[]>();
  return {
    ticketId: String(session.ticket),
    messages: messages.slice(0, HISTORY_LIMIT).map((m) => presentVisitorMessage(m, v.visitorId)),
    hasMore: messages.length > HISTORY_LIMIT,
  };
}

/** The visitor ends the chat: the session interaction gets its end and outcome. */
export async function endChat(v: Visitor, input: z.infer<typeof chatEndSchema>) {
  const session = await ownSession(v, input.ticketId);
  await endSession(session, 'visitor ended the chat');
  return { ended: true as const };
}

/**
 * Ends a chat session once (visitor, expert resolving, or the visitor leaving the queue): the
 * ticket's timeline, the interaction's end and outcome, and `chat:ended` to the visitor's tabs.
 * False when it had already ended.
 */
export async function endSession(
  session: WebchatSessionDoc,
  note: string,
  event = 'chat-ended',
): Promise<boolean> {
  if (session.endedAt) return false;
  const now = new Date();
  const res = await WebchatSession.updateOne(
    { _id: session._id, endedAt: null },
    { $set: { endedAt: now } },
  );
  if (!res.modifiedCount) return false;
  await forgetCurrentSession(session.visitorId);
  const ticket = await withLocks([ticketLock(session.ticket)], async () =>
    Ticket.findByIdAndUpdate(
      session.ticket,
      { $push: { timeline: timelineEntry(event, CUSTOMER, { note }) } },
      { new: true },
    ).lean<TicketDoc>(),
  );
  const outcome = ticket?.firstResponseAt ? 'answered' : ticket?.assignee ? 'missed' : 'abandoned';
  await updateInteractionOutcome({ externalId: session.interactionId }, outcome, now);
  if (ticket) await emitTicket('ticket:updated', ticket);
  emitToVisitors([session.visitorId], 'chat:ended', { ticketId: String(session.ticket) });
  return true;
}

/** An expert resolved or closed a web-chat ticket: its open chat sessions end. */
export async function endChatsOfTicket(ticket: TicketDoc): Promise<void> {
  if (ticket.channel !== 'webchat' || !['resolved', 'closed'].includes(ticket.status)) return;
  const open = await WebchatSession.find({
    ticket: ticket._id,
    kind: 'chat',
    endedAt: null,
  }).lean<WebchatSessionDoc[]>();
  for (const session of open)
    await endSession(session, `the expert set the ticket ${ticket.status}`);
}

/**
 * The visitor left while still waiting in the queue (no expert had taken the chat): the
 * session ends with the outcome "abandoned". The ticket stays, with the contact's details, so
 * the group can still follow up by phone or email.
 */
export async function abandonIfWaiting(visitorId: string, ticketId: string): Promise<boolean> {
  const session = await WebchatSession.findOne({
    visitorId,
    ticket: ticketId,
    kind: 'chat',
    endedAt: null,
  }).lean<WebchatSessionDoc>();
  if (!session) return false;
  const t = await Ticket.findById(ticketId, { assignee: 1, status: 1 }).lean<TicketDoc>();
  if (!t || t.assignee || !OPEN_STATUSES.includes(t.status)) return false;
  return endSession(session, 'the visitor left while waiting in the queue', 'chat-abandoned');
}

/** Satisfaction 1-5 with an optional comment: on the ticket and in the contact log. */
export async function rateChat(v: Visitor, input: z.infer<typeof chatRateSchema>) {
  const session = await ownSession(v, input.ticketId);
  const at = new Date();
  const ticket = await withLocks([ticketLock(session.ticket)], async () =>
    Ticket.findByIdAndUpdate(
      session.ticket,
      {
        $set: { satisfaction: { score: input.score, comment: input.comment ?? null, at } },
        $push: { timeline: timelineEntry('rated', CUSTOMER, { to: String(input.score) }) },
      },
      { new: true },
    ).lean<TicketDoc>(),
  );
  if (!ticket) throw notFound('Chat');
  await recordInteraction({
    channel: 'webchat',
    direction: 'in',
    caller: caller(v),
    contact: ticket.contact,
    expert: ticket.assignee ?? null,
    ticket: ticket._id,
    group: ticket.group ?? null,
    startedAt: at,
    endedAt: at,
    outcome: 'completed',
    note: `satisfaction ${input.score}/5${input.comment ? `: ${input.comment}` : ''}`,
  });
  return { rated: true as const };
}

async function standaloneTicket(
  v: Visitor,
  kind: 'offline-message' | 'callback',
  input: {
    name?: string;
    phone?: string;
    email?: string;
    topic?: string;
    text: string;
  },
  ticketType: 'question' | 'callback',
): Promise<{ ticket: TicketDoc; contactId: string }> {
  await consumeVisitorBudget('conversation', v.visitorId, v.ip);
  const topic = input.topic ?? v.key.defaultTopic ?? null;
  const now = new Date();
  const externalId = `webchat:${v.visitorId}:${kind}-${randomUUID()}`;
  const { ticket, contact } = await recordContact({
    channel: 'webchat',
    direction: 'in',
    caller: caller(v),
    contact: contactHints(v, input),
    message: { text: input.text, externalId },
    ticket: {
      forceNew: true,
      type: ticketType,
      subject: kind === 'callback' ? 'Callback request (web chat)' : 'Offline message (web chat)',
      entryPoint: entryPoint(topic),
    },
    outcome: kind === 'callback' ? 'callback-requested' : 'offline-message',
    startedAt: now,
    endedAt: now,
  });
  await WebchatSession.create({
    visitorId: v.visitorId,
    ticket: ticket._id,
    contact: contact._id,
    widgetKey: v.key.key,
    kind,
    hints: { name: input.name ?? '', phone: input.phone ?? null, email: input.email ?? null },
    topic,
    interactionId: externalId,
    startedAt: now,
    endedAt: now,
  });
  return { ticket, contactId: String(contact._id) };
}

/** Nobody online: the message becomes a ticket answered later by email or SMS. */
export async function leaveOfflineMessage(v: Visitor, input: z.infer<typeof offlineMessageSchema>) {
  const max = webchatSettings().maxMessageChars;
  if (input.text.length > max)
    throw new AppError(
      413,
      'message_too_long',
      `The message has ${input.text.length} characters; the limit is ${max}`,
    );
  const { ticket } = await standaloneTicket(v, 'offline-message', input, 'question');
  return { ticketId: String(ticket._id), label: ticketNumberLabel(ticket.number) };
}

/** A callback request: a callback ticket in the queue and its Callback document. */
export async function requestCallback(v: Visitor, input: z.infer<typeof callbackRequestSchema>) {
  const windowStart = input.windowStart ? new Date(input.windowStart) : null;
  const windowEnd = input.windowEnd ? new Date(input.windowEnd) : null;
  const window =
    windowStart || windowEnd
      ? ` between ${windowStart?.toISOString() ?? 'now'} and ${windowEnd?.toISOString() ?? 'any time'}`
      : '';
  const { ticket, contactId } = await standaloneTicket(
    v,
    'callback',
    { ...input, text: `Please call me back on ${input.phone}${window}.` },
    'callback',
  );
  await openCallback({
    ticket: ticket._id,
    contact: contactId,
    phone: input.phone,
    windowStart,
    windowEnd,
    source: 'widget',
  });
  return { ticketId: String(ticket._id), label: ticketNumberLabel(ticket.number) };
}
