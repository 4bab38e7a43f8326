import type { VisitorHandshakeAuth } from '@cc/shared';
import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { config } from '../../core/config.js';
import { inBackground, logger } from '../../core/logger.js';
import { joinRooms, leaveRoom } from '../../core/realtime.js';
import type { TicketDoc } from '../../tickets/model.js';
import { getTicket } from '../../tickets/service.js';
import { onTicketChanged, ticketState } from '../../tickets/ticket-state.js';
import { VISITOR_NAMESPACE, setVisitorNamespace, visitorRoom } from './emitter.js';
import { emitToChatStaff } from './staff-events.js';
import { emitVisitorPresence } from './visitor-presence.js';
import { verifiedWidgetUser } from './identity.js';
import { checkWidgetKey } from './keys.js';
import { markReadByVisitor } from './read-receipts.js';
import {
  callbackRequestSchema,
  chatEndSchema,
  chatRateSchema,
  chatStartSchema,
  historySinceSchema,
  messageReadSchema,
  messageSendSchema,
  offlineMessageSchema,
  serialCheckSchema,
  topicsListSchema,
  transcriptRequestSchema,
  typingSchema,
} from './schema.js';
import { checkSerial, publicTopics } from './self-service.js';
import { consumeVisitorBudget } from './limits.js';
import {
  abandonIfWaiting,
  currentSession,
  describeChat,
  endChat,
  expertName,
  historySince,
  leaveOfflineMessage,
  liveSession,
  liveView,
  queueStatus,
  rateChat,
  requestCallback,
  sendMessage,
  startChat,
  type ChatMemo,
  type Visitor,
} from './service.js';
import { webchatSettings } from './settings.js';
import { answerAck, type Ack } from './socket-ack.js';
import { issueVisitorToken, verifyVisitorToken } from './token.js';
import { emailTranscript } from './transcript.js';

interface VisitorSocketData {
  visitor: Visitor;
  token: string;
  /** The chat whose queue position / assignment is pushed to this socket. */
  ticketId: string | null;
  announcedAssignee: string | null;
  /** When the queue position or expert was last pushed (ms). */
  pushedAt: number;
  chat: ChatMemo;
}

const data = (socket: Socket) => socket.data as VisitorSocketData;

/** The sockets of this process that show a ticket's chat are in its room (a local index). */
const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;

function followTicket(socket: Socket, ticketId: string | null): void {
  const d = data(socket);
  if (d.ticketId === ticketId) return;
  if (d.ticketId) leaveRoom(socket, ticketRoom(d.ticketId));
  d.ticketId = ticketId;
  if (ticketId) joinRooms(socket, ticketRoom(ticketId));
}

type Listener = (this: Socket, payload: unknown, ack?: Ack<unknown>) => void;

/**
 * The visitor events, each validated and answered with `{ok, data}` or `{ok:false, error}` (no
 * data). The listeners are shared by every socket (called with `this` = the socket): thousands
 * of idle visitors do not each hold a dozen closures.
 */
const listeners = new Map<string, Listener>();

/** Every event of every visitor socket comes here (`onAny`): one shared entry, no per-socket table. */
function onVisitorEvent(this: Socket, event: string, ...args: unknown[]): void {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as Ack<unknown>) : undefined;
  const payload = ack && args.length === 1 ? undefined : args[0];
  listeners.get(event)?.call(this, payload, ack);
}

function onDisconnect(this: Socket): void {
  const d = data(this);
  if (d.ticketId) watchForLeaving(this.nsp, d.visitor.visitorId, d.ticketId);
}
function on<S extends z.ZodType>(
  event: string,
  schema: S,
  fn: (socket: Socket, input: z.infer<S>) => Promise<unknown>,
): void {
  listeners.set(event, function (this: Socket, payload, ack) {
    inBackground(
      answerAck(ack, () => fn(this, schema.parse(payload ?? {}))),
      `visitor event ${event}`,
    );
  });
}

/** The client's address; with TRUST_PROXY the first X-Forwarded-For entry (the proxy's view). */
function clientIp(socket: Socket): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (config().TRUST_PROXY && typeof forwarded === 'string') {
    const first = forwarded.split(',')[0]?.trim();
    if (first) return first;
  }
  return socket.handshake.address || 'unknown';
}

/** Queue position while waiting; the expert's name once (per assignee) when assigned. */
async function pushStatus(socket: Socket, known?: TicketDoc): Promise<void> {
  const d = data(socket);
  if (!d.ticketId) return;
  d.pushedAt = Date.now();
  const announced = d.announcedAssignee;
  const t = known ?? (await getTicket(d.ticketId));
  if (t.assignee) {
    if (d.announcedAssignee === String(t.assignee)) return;
    const name = await expertName(t);
    if (!name) return;
    d.announcedAssignee = String(t.assignee);
    socket.emit('chat:assigned', { ticketId: String(t._id), expertName: name });
    return;
  }
  const q = await queueStatus(t);
  // A push that began later announced an expert meanwhile: this one read an older ticket.
  if (d.announcedAssignee !== announced) return;
  // Back in a queue (a transfer to a group, a requeue): the widget shows the position again.
  d.announcedAssignee = null;
  if (q) socket.emit('queue:position', q);
}

/** The timer's push: an assigned chat is looked at in the process's ticket states (no read). */
async function refreshStatus(socket: Socket): Promise<void> {
  const d = data(socket);
  if (d.announcedAssignee && d.ticketId) {
    const t = await ticketState(d.ticketId);
    d.pushedAt = Date.now();
    if (!t || t.assignee === d.announcedAssignee) return;
  }
  await pushStatus(socket);
}

/**
 * A visitor who left (no tab of theirs connected after the grace period, so a reload does not
 * count) is shown to the staff as gone, and abandons the queue if still waiting.
 */
function watchForLeaving(ns: Namespace, visitorId: string, ticketId: string): void {
  setTimeout(() => {
    void (async () => {
      const still = await ns.in(visitorRoom(visitorId)).fetchSockets();
      if (still.length) return;
      await emitVisitorPresence(ticketId, false);
      await abandonIfWaiting(visitorId, ticketId);
    })().catch((err: unknown) => logger.warn({ err }, 'leaving check failed'));
  }, webchatSettings().abandonGraceMs).unref();
}

/** The `/visitor` namespace: widget key + origin checked at the handshake, then chat events. */
export function attachVisitorNamespace(io: Server): void {
  const ns = io.of(VISITOR_NAMESPACE);
  setVisitorNamespace(ns);

  ns.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as Partial<VisitorHandshakeAuth>;
      const key = await checkWidgetKey(auth.key, socket.handshake.headers.origin, auth.origin);
      if (!key) return next(new Error('widget_key_refused'));
      const known = verifyVisitorToken(auth.token);
      const issued = known ? { visitorId: known, token: auth.token! } : issueVisitorToken();
      // Kept once, in the socket's data, until the 'session' event has carried it.
      delete auth.token;
      const d = data(socket);
      d.visitor = {
        visitorId: issued.visitorId,
        key,
        ip: clientIp(socket),
        verifiedUser: verifiedWidgetUser(key.key, auth.user),
      };
      d.token = issued.token;
      d.ticketId = null;
      d.announcedAssignee = null;
      d.pushedAt = 0;
      d.chat = { session: null };
      next();
    } catch (err) {
      logger.warn({ err }, 'visitor socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  ns.on('connection', (socket: Socket) => {
    const d = data(socket);
    const v = d.visitor;
    joinRooms(socket, visitorRoom(v.visitorId));
    void (async () => {
      const session = await currentSession(v.visitorId);
      followTicket(socket, session ? String(session.ticket) : null);
      d.chat.session = session && liveView(session);
      const described = session ? await describeChat(session) : null;
      socket.emit('session', {
        visitorId: v.visitorId,
        token: d.token,
        chat: described?.chat ?? null,
        verifiedUser: v.verifiedUser ?? null,
      });
      d.token = '';
      if (!described) return;
      await emitVisitorPresence(String(described.ticket._id), true);
      // The session names the expert already; a waiting visitor also hears the queue position.
      if (described.ticket.assignee) d.announcedAssignee = String(described.ticket.assignee);
      else await pushStatus(socket, described.ticket);
    })().catch((err: unknown) => logger.warn({ err }, 'visitor session failed'));
    socket.on('disconnect', onDisconnect);
    socket.onAny(onVisitorEvent);
  });

  // Waiting visitors hear their queue position every queuePushMs: one timer for all sockets,
  // looking at least once a second so a changed setting applies soon.
  let timer: NodeJS.Timeout;
  const tick = () => {
    const { queuePushMs } = webchatSettings();
    const due = Date.now() - queuePushMs;
    for (const socket of ns.sockets.values()) {
      const d = data(socket);
      if (!d.ticketId || d.pushedAt > due) continue;
      refreshStatus(socket).catch((err: unknown) => logger.warn({ err }, 'queue push failed'));
    }
    timer = setTimeout(tick, Math.min(queuePushMs, 1000)).unref();
  };
  timer = setTimeout(tick, 1000).unref();

  // An assignment, transfer or requeue reaches the chat's visitor at once, from any process.
  const stopFollowing = onTicketChanged((ticketId) => {
    const members = ns.adapter.rooms.get(ticketRoom(ticketId));
    for (const id of members ?? []) {
      const socket = ns.sockets.get(id);
      if (socket)
        refreshStatus(socket).catch((err: unknown) =>
          logger.warn({ err }, 'chat status push failed'),
        );
    }
  });
  io.httpServer?.once('close', () => {
    clearTimeout(timer);
    stopFollowing();
  });
}

on('chat:start', chatStartSchema, async (socket, input) => {
  const d = data(socket);
  const result = await startChat(d.visitor, input);
  if (result.online) {
    followTicket(socket, result.chat.ticketId);
    d.announcedAssignee = null;
    d.chat.session = null;
    void pushStatus(socket).catch(() => undefined);
  }
  return result;
});
on('message:send', messageSendSchema, async (socket, input) => {
  const d = data(socket);
  const { message, ticket } = await sendMessage(d.visitor, input, d.chat);
  socket.to(visitorRoom(d.visitor.visitorId)).emit('message:new', message);
  followTicket(socket, ticket.id);
  // Waiting: the queue position may have moved; assigned: announce a new expert once.
  if (!ticket.assignee || d.announcedAssignee !== ticket.assignee)
    void pushStatus(socket).catch(() => undefined);
  return message;
});
on('history:since', historySinceSchema, (socket, input) =>
  historySince(data(socket).visitor, input),
);
on('typing', typingSchema, async (socket, input) => {
  const d = data(socket);
  const session = await liveSession(d.visitor, input.ticketId, d.chat);
  const ticketId = String(session.ticket);
  await emitToChatStaff(ticketId, 'visitor:typing', { ticketId, typing: input.typing });
  return null;
});
on('chat:end', chatEndSchema, (socket, input) => endChat(data(socket).visitor, input));
on('chat:rate', chatRateSchema, (socket, input) => rateChat(data(socket).visitor, input));
on('offline:message', offlineMessageSchema, (socket, input) =>
  leaveOfflineMessage(data(socket).visitor, input),
);
on('callback:request', callbackRequestSchema, (socket, input) =>
  requestCallback(data(socket).visitor, input),
);
on('topics:list', topicsListSchema, async () => ({ topics: await publicTopics() }));
on('serial:check', serialCheckSchema, async (socket, input) => {
  const v = data(socket).visitor;
  await consumeVisitorBudget('lookup', v.visitorId, v.ip);
  return checkSerial(input.serial);
});
on('message:read', messageReadSchema, (socket, input) =>
  markReadByVisitor(data(socket).visitor, input),
);
on('transcript:request', transcriptRequestSchema, (socket, input) =>
  emailTranscript(data(socket).visitor, input),
);
