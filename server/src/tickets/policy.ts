import type { SessionUser } from '../auth/session.js';
import { forbidden, notFound } from '../core/errors.js';
import type { TicketDoc } from './model.js';

const isManager = (u: SessionUser) => u.roles.includes('admin') || u.roles.includes('supervisor');

/** Experts see tickets of their groups and tickets assigned to them; supervisors and admins see all. */
export function canSeeTicket(user: SessionUser, t: Pick<TicketDoc, 'group' | 'assignee'>): boolean {
  if (isManager(user)) return true;
  if (t.assignee && String(t.assignee) === user.id) return true;
  return Boolean(t.group && user.groups.includes(String(t.group)));
}

export function assertCanSeeTicket(
  user: SessionUser,
  t: Pick<TicketDoc, 'group' | 'assignee'>,
): void {
  // 404 rather than 403: a forged id must not reveal that the ticket exists.
  if (!canSeeTicket(user, t)) throw notFound('Ticket');
}

/** The visibility rule as a query filter, for lists. */
export function visibleTicketsFilter(user: SessionUser): Record<string, unknown> {
  if (isManager(user)) return {};
  return { $or: [{ assignee: user.id }, { group: { $in: user.groups } }] };
}

/** Assigning to someone else is for supervisors; experts may only take a ticket themselves. */
export function assertCanAssign(user: SessionUser, expertId: string): void {
  if (expertId !== user.id && !isManager(user))
    throw forbidden('Only supervisors assign tickets to other experts');
}
