/**
 * The visitor socket protocol (namespace `/visitor`), shared by the server and the widget.
 * Documented in docs/realtime.md ("Visitor namespace").
 */

/** Every client event is answered with one of these; errors carry no data. */
export type VisitorAck<T> = (
  answer:
    | { ok: true; data: T }
    | {
        ok: false;
        error: {
          /** e.g. validation_failed, message_too_long, not_found, rate_limited, no_chat */
          code: string;
          message: string;
          retryAfterSeconds?: number;
        };
      },
) => void;

/** `io('/visitor', { auth })`: the widget key, and the token from an earlier `session`. */
export interface VisitorHandshakeAuth {
  key: string;
  token?: string;
  /**
   * The host page's origin, sent by the widget frame when it is served from the hub's own
   * origin (the frame learns it from the loader's postMessage, checking `event.origin`).
   */
  origin?: string;
  /**
   * The host page's signed-in user from `ContactCentre.setUser`; with `signature` (see
   * docs/realtime.md, "Verified visitors") the server trusts it and the pre-chat form is skipped.
   */
  user?: { name?: string; email?: string; phone?: string; signature?: string };
}

export interface VisitorMessage {
  id: string;
  ticketId: string;
  from: 'visitor' | 'expert' | 'system';
  /** The expert's display name for expert messages; empty otherwise. */
  authorName: string;
  text: string;
  /** The widget's own id for the visitor's messages (matches a resend after a reconnect). */
  clientId: string | null;
  createdAt: string;
  attachments: VisitorAttachment[];
}

export interface VisitorChat {
  ticketId: string;
  label: string;
  status: 'waiting' | 'assigned' | 'ended';
  topic: string | null;
  expertName: string | null;
  startedAt: string;
  /** Read receipts: the last message the visitor / the staff have seen. */
  visitorReadUpTo: string | null;
  staffReadUpTo: string | null;
}

export interface VisitorSession {
  visitorId: string;
  /** Keep in localStorage and send as `auth.token` on the next connection. */
  token: string;
  /** The visitor's current (not ended) chat, if any. */
  chat: VisitorChat | null;
  /** The host page's user when its server signed it; the pre-chat form then uses these. */
  verifiedUser: { name?: string; email?: string; phone?: string } | null;
}

export interface QueueStatus {
  ticketId: string;
  position: number;
  estimatedWaitSeconds: number;
}

export interface ChatStartPayload {
  name: string;
  phone?: string;
  email?: string;
  topic?: string;
  serial?: string;
}

export type ChatStartResult =
  | { online: true; chat: VisitorChat; queue: QueueStatus | null }
  | { online: false; reason: 'no_expert_online' | 'closed' };

export interface MessageSendPayload {
  ticketId?: string;
  clientId: string;
  /** May be empty when files are attached. */
  text: string;
  /** Ids from `POST /api/webchat/attachments` (at most 5). */
  attachments?: string[];
}

export interface HistorySincePayload {
  ticketId?: string;
  afterMessageId?: string;
}

export interface OfflineMessagePayload {
  name: string;
  phone?: string;
  email?: string;
  topic?: string;
  text: string;
}

export interface CallbackRequestPayload {
  name?: string;
  phone: string;
  topic?: string;
  /** ISO date-times of the preferred window. */
  windowStart?: string;
  windowEnd?: string;
}

export interface ChatRatePayload {
  ticketId?: string;
  score: number;
  comment?: string;
}

/** A photo or PDF on a chat message, as the visitor may see it. */
export interface VisitorAttachment {
  name: string;
  contentType: string;
  size: number;
  dropped: boolean;
  reason: string | null;
  /** A download address signed for this visitor (works in `<img src>`); null when dropped. */
  url: string | null;
}

export type SerialCheckResult =
  | { found: false }
  | {
      found: true;
      serial: string;
      model: { code: string; name: { fa: string; en: string } | null };
      coverage: {
        state: 'gold-guarantee' | 'warranty' | 'out-of-warranty' | 'not-delivered';
        guaranteeEndsOn: string | null;
        warrantyEndsOn: string;
      };
    };

export interface VisitorClientEvents {
  /** The public topics of the pre-chat form (the ones routing maps to expert groups). */
  'topics:list': (payload: Record<string, never>, ack: VisitorAck<{ topics: string[] }>) => void;
  /** A product serial number's model and guarantee/warranty status, or `found: false`. */
  'serial:check': (payload: { serial: string }, ack: VisitorAck<SerialCheckResult>) => void;
  /** The visitor has seen everything up to this message; staff get `visitor:read`. */
  'message:read': (
    payload: { ticketId?: string; messageId: string },
    ack?: VisitorAck<null>,
  ) => void;
  /** Emails the chat's transcript (to the pre-chat email unless another is given). */
  'transcript:request': (
    payload: { ticketId?: string; email?: string },
    ack: VisitorAck<{ sent: true; to: string }>,
  ) => void;
  'chat:start': (payload: ChatStartPayload, ack: VisitorAck<ChatStartResult>) => void;
  'message:send': (payload: MessageSendPayload, ack: VisitorAck<VisitorMessage>) => void;
  'history:since': (
    payload: HistorySincePayload,
    /** At most 500 messages; `hasMore`: ask again after the last one. */
    ack: VisitorAck<{ ticketId: string; messages: VisitorMessage[]; hasMore: boolean }>,
  ) => void;
  typing: (payload: { ticketId?: string; typing: boolean }, ack?: VisitorAck<null>) => void;
  'chat:end': (payload: { ticketId?: string }, ack: VisitorAck<{ ended: true }>) => void;
  'chat:rate': (payload: ChatRatePayload, ack: VisitorAck<{ rated: true }>) => void;
  'offline:message': (
    payload: OfflineMessagePayload,
    ack: VisitorAck<{ ticketId: string; label: string }>,
  ) => void;
  'callback:request': (
    payload: CallbackRequestPayload,
    ack: VisitorAck<{ ticketId: string; label: string }>,
  ) => void;
}

export interface VisitorServerEvents {
  /** Right after every connection: identity, token to keep, and the current chat. */
  session: (session: VisitorSession) => void;
  /** An expert's reply (or a system message) on one of the visitor's chats. */
  'message:new': (message: VisitorMessage) => void;
  /** While waiting: pushed after each visitor message and every 10 s. */
  'queue:position': (status: QueueStatus) => void;
  /** An expert took the chat. */
  'chat:assigned': (payload: { ticketId: string; expertName: string }) => void;
  /** The expert is (or stopped) typing. */
  typing: (payload: { ticketId: string; typing: boolean; name: string }) => void;
  /** The chat was ended (by the visitor on another tab, or the expert resolved it). */
  'chat:ended': (payload: { ticketId: string }) => void;
  /** Staff have read the chat up to this message. */
  'message:read': (payload: { ticketId: string; messageId: string }) => void;
}

/** Staff-side additions (namespace `/staff`). */
export interface WebchatStaffClientEvents {
  'ticket:typing': (
    payload: { ticketId: string; typing: boolean },
    ack: VisitorAck<{ visitors: number }>,
  ) => void;
  /** The expert has read the web chat up to this message; the visitor sees it as read. */
  'ticket:read': (
    payload: { ticketId: string; messageId: string },
    ack?: VisitorAck<{ visitors: number }>,
  ) => void;
  /** Whether the chat's visitor has the chat open now (then `visitor:presence` follows changes). */
  'ticket:visitor-presence': (
    payload: { ticketId: string },
    ack: VisitorAck<{ online: boolean }>,
  ) => void;
}

export interface WebchatStaffServerEvents {
  'visitor:typing': (payload: { ticketId: string; typing: boolean }) => void;
  /** The visitor has seen the chat up to this message. */
  'visitor:read': (payload: { ticketId: string; messageId: string }) => void;
  /** The visitor came back to the chat, or has had no tab open for the abandon grace period. */
  'visitor:presence': (payload: { ticketId: string; online: boolean }) => void;
}
