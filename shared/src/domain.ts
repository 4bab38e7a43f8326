/** Domain vocabularies the server, the console and the widget all speak. */

export const CHANNELS = ['webchat', 'sms', 'email', 'voice', 'portal', 'console'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a reply can go out on (the server answers 422 while one has no adapter). */
export const REPLY_CHANNELS = ['webchat', 'sms', 'email', 'voice'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const TICKET_TYPES = [
  'question',
  'technical-fault',
  'guarantee-claim',
  'complaint',
  'suggestion',
  'criticism',
  'service-request',
  'callback',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = [
  'new',
  'queued',
  'assigned',
  'pending',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses whose SLA clock runs (pending waits on the customer). */
export const SLA_RUNNING_STATUSES = ['new', 'queued', 'assigned'] as const;
/** "SLA at risk": a running ticket whose next deadline is this close, or already past. */
export const SLA_RISK_MINUTES = 15;

/** GET /api/tickets/counts: the inbox views' sizes for the signed-in user. */
export interface TicketViewCounts {
  mine: number;
  queue: number;
  unassigned: number;
  pending: number;
  callbacks: number;
  sla: number;
}
