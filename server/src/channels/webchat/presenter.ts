import type { VisitorChat, VisitorMessage } from '@cc/shared';
import type { MessageDoc } from '../../tickets/message.model.js';
import { ticketNumberLabel, type TicketDoc } from '../../tickets/model.js';
import type { WebchatSessionDoc } from './model.js';

const CLIENT_ID = /^webchat:[^:]+:(.+)$/;

/** What a visitor may see of a message: no internal fields, no staff ids, no delivery details. */
export function presentVisitorMessage(m: MessageDoc): VisitorMessage {
  const from = m.direction === 'in' ? 'visitor' : m.authorKind === 'expert' ? 'expert' : 'system';
  return {
    id: String(m._id),
    ticketId: String(m.ticket),
    from,
    authorName: from === 'expert' ? m.authorName : '',
    text: m.text,
    clientId: m.direction === 'in' ? (CLIENT_ID.exec(m.externalId)?.[1] ?? null) : null,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

export function presentVisitorChat(
  session: WebchatSessionDoc,
  ticket: TicketDoc,
  expertName: string | null,
): VisitorChat {
  const ended =
    Boolean(session.endedAt) || ['resolved', 'closed'].includes(ticket.status as string);
  return {
    ticketId: String(ticket._id),
    label: ticketNumberLabel(ticket.number),
    status: ended ? 'ended' : ticket.assignee ? 'assigned' : 'waiting',
    topic: session.topic ?? null,
    expertName: ended ? null : expertName,
    startedAt: new Date(session.startedAt).toISOString(),
    visitorReadUpTo: session.visitorReadUpTo ? String(session.visitorReadUpTo) : null,
    staffReadUpTo: session.staffReadUpTo ? String(session.staffReadUpTo) : null,
  };
}
