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
