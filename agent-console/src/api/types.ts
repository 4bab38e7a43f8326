/** Shapes of the REST API answers the console reads (the server presenters: `presenter.ts` files). */
import type { MessageView, Presence, QueueSnapshot, TicketSummary } from '@cc/shared';
import type { Role } from './auth';

export {
  PRIORITIES,
  REPLY_CHANNELS,
  TICKET_TYPES,
  type Priority,
  type ReplyChannel,
  type TicketType,
} from '@cc/shared';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TimelineEvent {
  at: string;
  event: string;
  actorKind: 'system' | 'expert' | 'contact';
  actor: string | null;
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface QueuePosition {
  position: number;
  estimatedWaitSeconds: number;
}

export interface TicketDetail extends TicketSummary {
  unit: string | null;
  faultCode: string | null;
  tags: string[];
  assignedAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  mergedInto: string | null;
  timeline: TimelineEvent[];
  queue: QueuePosition | null;
  messages: MessageView[];
}

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  groups: string[];
  maxConcurrent: number | null;
  presence: Presence;
  activeCount: number;
  active: boolean;
}

/** A colleague as GET /api/users/directory shows them to any staff member. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  groups: string[];
  presence: Presence;
}

export interface LocalizedText {
  fa: string;
  en: string;
}

export interface ExpertGroup {
  id: string;
  slug: string;
  name: LocalizedText;
  defaultMaxConcurrent: number;
  active: boolean;
}

export interface Product {
  code: string;
  name: LocalizedText;
}

export type Segment = 'potential' | 'actual';

export interface Contact {
  id: string;
  name: string;
  phones: Array<{ number: string; label: string; optedOut: boolean }>;
  emails: string[];
  province: string;
  city: string;
  address: string;
  segment: Segment;
  heardFrom: string;
  assignedExpert: string | null;
  clubNumber: string | null;
  tags: string[];
}

export type CoverageState = 'gold-guarantee' | 'warranty' | 'out-of-warranty' | 'not-delivered';

export interface Unit {
  id: string;
  serial: string;
  productCode: string;
  productName: LocalizedText | null;
  productionDate: string;
  deliveryDate: string | null;
  owner: string | null;
  coverage: { state: CoverageState; guaranteeEndsOn: string | null; warrantyEndsOn: string };
}

export interface Interaction {
  id: string;
  channel: string;
  direction: 'in' | 'out';
  caller: { kind: string | null; value: string | null };
  expert: string | null;
  ticket: string | null;
  startedAt: string;
  durationSec: number | null;
  outcome: string;
}

export interface BoardGroup extends QueueSnapshot {
  slug: string;
  name: LocalizedText;
}
