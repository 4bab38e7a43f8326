import { SLA_RISK_MINUTES, type TicketStatus, type TicketSummary } from '@cc/shared';

export const VIEW_IDS = [
  'mine',
  'queue',
  'unassigned',
  'pending',
  'callbacks',
  'sla',
  'resolved',
  'all',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

/** Who is looking: the same visibility rule as the server's (server/src/tickets/policy.ts). */
export interface Viewer {
  id: string;
  groups: string[];
  manager: boolean;
}

export interface ViewDefinition {
  id: ViewId;
  /** Query string parameters of GET /api/tickets for this view. */
  query: (viewer: Viewer) => Record<string, string>;
  /** The same filter on the client, applied to tickets that arrive by socket. */
  matches: (ticket: TicketSummary, viewer: Viewer) => boolean;
  /** The server's sort order, so live insertions land where a refetch would put them. */
  compare: (a: TicketSummary, b: TicketSummary) => number;
}

const WAITING: readonly TicketStatus[] = ['new', 'queued'];
const HELD: readonly TicketStatus[] = ['assigned', 'pending'];
const OPEN: readonly TicketStatus[] = ['new', 'queued', 'assigned', 'pending'];
/** Pending tickets wait on the customer; their SLA is not the team's to lose. */
const SLA_RUNNING: readonly TicketStatus[] = ['new', 'queued', 'assigned'];

/** "At risk": a running SLA due within this long, or already past (the server's `?sla=risk`). */
export const SLA_RISK_MS = SLA_RISK_MINUTES * 60_000;

/** The deadline that matters for an open ticket: first response until answered, then resolution. */
export function slaDeadline(ticket: TicketSummary): string | null {
  const due = [ticket.sla.resolutionDueAt];
  if (ticket.firstResponseAt === null) due.push(ticket.sla.firstResponseDueAt);
  const set = due.filter((d): d is string => d !== null).sort();
  return set[0] ?? null;
}

export function slaAtRisk(ticket: TicketSummary, now = Date.now()): boolean {
  if (!SLA_RUNNING.includes(ticket.status)) return false;
  const due = slaDeadline(ticket);
  return due !== null && Date.parse(due) <= now + SLA_RISK_MS;
}

export function canSee(ticket: TicketSummary, viewer: Viewer): boolean {
  if (viewer.manager) return true;
  if (ticket.assignee === viewer.id) return true;
  return ticket.group !== null && viewer.groups.includes(ticket.group);
}

const byId = (a: TicketSummary, b: TicketSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const newestUpdateFirst = (a: TicketSummary, b: TicketSummary) =>
  b.updatedAt.localeCompare(a.updatedAt) || byId(b, a);

const longestWaitFirst = (a: TicketSummary, b: TicketSummary) =>
  (a.queuedAt ?? a.createdAt).localeCompare(b.queuedAt ?? b.createdAt) || byId(a, b);

const isWaiting = (t: TicketSummary) => WAITING.includes(t.status) && t.assignee === null;

const DEFINITIONS: Record<ViewId, ViewDefinition> = {
  mine: {
    id: 'mine',
    query: () => ({ assignee: 'me', status: HELD.join(','), sort: '-updatedAt' }),
    matches: (t, v) => t.assignee === v.id && HELD.includes(t.status),
    compare: newestUpdateFirst,
  },
  queue: {
    id: 'queue',
    query: (v) => ({
      status: WAITING.join(','),
      assignee: 'none',
      sort: 'queuedAt',
      ...(v.groups.length === 1 ? { group: v.groups[0]! } : {}),
    }),
    matches: (t, v) => isWaiting(t) && t.group !== null && v.groups.includes(t.group),
    compare: longestWaitFirst,
  },
  unassigned: {
    id: 'unassigned',
    query: () => ({ status: WAITING.join(','), assignee: 'none', sort: 'queuedAt' }),
    matches: (t, v) => isWaiting(t) && canSee(t, v),
    compare: longestWaitFirst,
  },
  pending: {
    id: 'pending',
    query: () => ({ status: 'pending', sort: '-updatedAt' }),
    matches: (t, v) => t.status === 'pending' && canSee(t, v),
    compare: newestUpdateFirst,
  },
  callbacks: {
    id: 'callbacks',
    query: () => ({ type: 'callback', status: OPEN.join(','), sort: 'createdAt' }),
    matches: (t, v) => t.type === 'callback' && OPEN.includes(t.status) && canSee(t, v),
    compare: (a, b) => a.createdAt.localeCompare(b.createdAt) || byId(a, b),
  },
  /** The server filters exactly; sla:warning and sla:breach events add tickets as their time comes. */
  sla: {
    id: 'sla',
    query: () => ({ sla: 'risk', sort: 'createdAt' }),
    matches: (t, v) => slaAtRisk(t) && canSee(t, v),
    compare: (a, b) => (slaDeadline(a) ?? '').localeCompare(slaDeadline(b) ?? '') || byId(a, b),
  },
  resolved: {
    id: 'resolved',
    query: () => ({ status: 'resolved', sort: '-updatedAt' }),
    matches: (t, v) => t.status === 'resolved' && canSee(t, v),
    compare: newestUpdateFirst,
  },
  all: {
    id: 'all',
    query: () => ({ sort: '-updatedAt' }),
    matches: (t, v) => v.manager && canSee(t, v),
    compare: newestUpdateFirst,
  },
};

export function viewDefinition(id: ViewId): ViewDefinition {
  return DEFINITIONS[id];
}

/** The views a user has: "my groups' queue" needs groups, "all" is for supervisors and admins. */
export function viewsFor(viewer: Viewer): ViewId[] {
  return VIEW_IDS.filter((id) => {
    if (id === 'queue') return viewer.groups.length > 0;
    if (id === 'all') return viewer.manager;
    return true;
  });
}
