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

/** The knowledge archive's categories (seed (a)). */
export const ARTICLE_CATEGORIES = [
  'fault-identification',
  'service-maintenance',
  'repairs',
  'parts',
  'new-models',
  'warranty-booklet',
  'training',
  'installation-guides',
] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];

/** A bulk import of units from CSV (POST /api/units/import): progress and the bad lines. */
export type UnitImportProblemCode =
  | 'invalid_serial'
  | 'unknown_product'
  | 'invalid_date'
  | 'production_in_future'
  | 'delivery_before_production'
  | 'invalid_phone'
  | 'unknown_dealer'
  | 'duplicate_in_file'
  | 'conflict'
  | 'wrong_column_count';

export interface UnitImportProblem {
  /** Line in the file (the header is line 1). */
  line: number;
  serial: string | null;
  code: UnitImportProblemCode;
  reason: string;
}

export interface UnitImportReport {
  id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  total: number;
  processed: number;
  created: number;
  unchanged: number;
  /** Serial already registered with different data: reported, never overwritten. */
  conflicts: number;
  invalid: number;
  problems: UnitImportProblem[];
  problemsTruncated: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}
