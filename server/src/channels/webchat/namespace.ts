import type { VisitorHandshakeAuth } from '@cc/shared';
import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { config } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { rooms, staffEmitter } from '../../core/realtime.js';
import type { TicketDoc } from '../../tickets/model.js';
import { getTicket } from '../../tickets/service.js';
import { ticketState, type TicketState } from '../../tickets/ticket-state.js';
import { VISITOR_NAMESPACE, setVisitorNamespace, visitorRoom } from './emitter.js';
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
  chat: ChatMemo;
}

const data = (socket: Socket) => socket.data as VisitorSocketData;

/** Validates, runs, and answers the ack with `{ok, data}` or `{ok:false, error}` (no data). */
function handle<S extends z.ZodType, T>(
  socket: Socket,
  event: string,
  schema: S,
  fn: (payload: z.infer<S>) => Promise<T>,
) {
  socket.on(event, (payload: unknown, ack?: Ack<T>) =>
    answerAck(ack, () => fn(schema.parse(payload ?? {}))),
  );
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
  if (q) socket.emit('queue:position', q);
}

const staffRoomsOf = (t: TicketState) => [
  rooms.supervisors,
  ...(t.group ? [rooms.group(t.group)] : []),
  ...(t.assignee ? [rooms.user(t.assignee)] : []),
];

/**
 * A waiting visitor who left (no tab of theirs connected after the grace period, so a reload
 * does not count) abandons the queue.
 */
function watchForAbandon(ns: Namespace, visitorId: string, ticketId: string): void {
  setTimeout(() => {
    void (async () => {
      const still = await ns.in(visitorRoom(visitorId)).fetchSockets();
      if (!still.length) await abandonIfWaiting(visitorId, ticketId);
    })().catch((err: unknown) => logger.warn({ err }, 'abandon check failed'));
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
    void socket.join(visitorRoom(v.visitorId));
    void (async () => {
      const session = await currentSession(v.visitorId);
      d.ticketId = session ? String(session.ticket) : null;
      d.chat.session = session;
      const described = session ? await describeChat(session) : null;
      socket.emit('session', {
        visitorId: v.visitorId,
        token: d.token,
        chat: described?.chat ?? null,
        verifiedUser: v.verifiedUser ?? null,
      });
      // The session names the expert already; a waiting visitor also hears the queue position.
      if (described?.ticket.assignee) d.announcedAssignee = String(described.ticket.assignee);
      else if (described) await pushStatus(socket, described.ticket);
    })().catch((err: unknown) => logger.warn({ err }, 'visitor session failed'));

    const timer = setInterval(() => {
      pushStatus(socket).catch((err: unknown) => logger.warn({ err }, 'queue push failed'));
    }, webchatSettings().queuePushMs);
    socket.on('disconnect', () => {
      clearInterval(timer);
      if (d.ticketId) watchForAbandon(ns, v.visitorId, d.ticketId);
    });

    handle(socket, 'chat:start', chatStartSchema, async (input) => {
      const result = await startChat(v, input);
      if (result.online) {
        d.ticketId = result.chat.ticketId;
        d.announcedAssignee = null;
        d.chat.session = null;
        void pushStatus(socket).catch(() => undefined);
      }
      return result;
    });
    handle(socket, 'message:send', messageSendSchema, async (input) => {
      const { message, ticket } = await sendMessage(v, input, d.chat);
      socket.to(visitorRoom(v.visitorId)).emit('message:new', message);
      d.ticketId = ticket.id;
      // Waiting: the queue position may have moved; assigned: announce a new expert once.
      if (!ticket.assignee || d.announcedAssignee !== ticket.assignee)
        void pushStatus(socket).catch(() => undefined);
      return message;
    });
    handle(socket, 'history:since', historySinceSchema, (input) => historySince(v, input));
    handle(socket, 'typing', typingSchema, async (input) => {
      const session = await liveSession(v, input.ticketId, d.chat);
      const t = await ticketState(session.ticket);
      if (!t) return null;
      (staffEmitter().to(staffRoomsOf(t)) as unknown as { emit(e: string, p: unknown): void }).emit(
        'visitor:typing',
        { ticketId: t.id, typing: input.typing },
      );
      return null;
    });
    handle(socket, 'chat:end', chatEndSchema, (input) => endChat(v, input));
    handle(socket, 'chat:rate', chatRateSchema, (input) => rateChat(v, input));
    handle(socket, 'offline:message', offlineMessageSchema, (input) =>
      leaveOfflineMessage(v, input),
    );
    handle(socket, 'callback:request', callbackRequestSchema, (input) => requestCallback(v, input));
    handle(socket, 'topics:list', topicsListSchema, async () => ({ topics: await publicTopics() }));
    handle(socket, 'serial:check', serialCheckSchema, async (input) => {
      await consumeVisitorBudget('lookup', v.visitorId, v.ip);
      return checkSerial(input.serial);
    });
    handle(socket, 'message:read', messageReadSchema, (input) => markReadByVisitor(v, input));
    handle(socket, 'transcript:request', transcriptRequestSchema, (input) =>
      emailTranscript(v, input),
    );
  });
}
