/** Events the server pushes to the staff namespace (`/staff`). Documented in docs/realtime.md. */

import type { TicketStatus } from './domain.js';

export type { TicketStatus };
export type Presence = 'online' | 'away' | 'offline';

export interface TicketSummary {
  id: string;
  number: number;
  label: string;
  subject: string;
  channel: string;
  type: string;
  priority: string;
  status: TicketStatus;
  group: string | null;
  assignee: string | null;
  contact: { id: string; name: string };
  queuedAt: string | null;
  lastMessageAt: string | null;
  firstResponseAt: string | null;
  sla: {
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    firstResponseBreached: boolean;
    resolutionBreached: boolean;
  };
  createdAt: string;
  updatedAt: string;
}

export interface MessageView {
  id: string;
  ticket: string;
  direction: 'in' | 'out' | 'internal';
  channel: string;
  authorKind: 'contact' | 'expert' | 'system';
  author: string | null;
  authorName: string;
  text: string;
  html: string | null;
  attachments: Array<{
    fileId: string | null;
    name: string;
    contentType: string;
    size: number;
    dropped: boolean;
    /** Why a dropped file was not kept (too large, refused type), for the expert to see. */
    reason: string | null;
  }>;
  deliveryStatus: string;
  deliveryError: string | null;
  /** Set when the failure is ours (e.g. `opted_out`, `channel_unavailable`): the console translates it. */
  deliveryErrorCode: string | null;
  mentions: string[];
  createdAt: string;
}

export interface QueueSnapshot {
  group: string;
  waiting: number;
  longestWaitSeconds: number;
  onlineExperts: number;
  /** The first waiting tickets in queue order. */
  positions: Array<{ ticket: string; position: number; estimatedWaitSeconds: number }>;
}

export interface StaffServerEvents {
  'ticket:created': (ticket: TicketSummary) => void;
  'ticket:updated': (ticket: TicketSummary) => void;
  'ticket:assigned': (ticket: TicketSummary) => void;
  'ticket:transferred': (payload: {
    ticket: TicketSummary;
    from: { group: string | null; assignee: string | null };
    note: string | null;
  }) => void;
  'message:created': (message: MessageView) => void;
  'queue:changed': (snapshot: QueueSnapshot) => void;
  'presence:changed': (payload: {
    user: string;
    presence: Presence;
    activeCount: number;
    at: string;
  }) => void;
  'sla:warning': (payload: {
    ticket: TicketSummary;
    kind: 'firstResponse' | 'resolution';
    dueAt: string;
  }) => void;
  'sla:breach': (payload: {
    ticket: TicketSummary;
    kind: 'firstResponse' | 'resolution';
    dueAt: string;
  }) => void;
  'mention:created': (payload: { ticket: TicketSummary; message: MessageView; by: string }) => void;
}

export type Ack<T> = (
  answer: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
) => void;

export interface StaffClientEvents {
  'presence:set': (payload: { status: Presence }, ack: Ack<{ presence: Presence }>) => void;
  'ticket:get': (payload: { ticketId: string }, ack: Ack<TicketSummary>) => void;
  'queue:get': (payload: { groupId: string }, ack: Ack<QueueSnapshot>) => void;
}
