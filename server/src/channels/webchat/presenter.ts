import type { VisitorChat, VisitorMessage } from '@cc/shared';
import type { MessageDoc } from '../../tickets/message.model.js';
import { visitorAttachmentUrl } from './attachments.js';
import { ticketNumberLabel, type TicketDoc } from '../../tickets/model.js';
import type { WebchatSessionDoc } from './model.js';

const CLIENT_ID = /^webchat:[^:]+:(.+)$/;

/**
 * What a visitor may see of a message: no internal fields, no staff ids, no delivery details.
 * File addresses are signed for the visitor who receives them.
 */
export function presentVisitorMessage(m: MessageDoc, visitorId: string): VisitorMessage {
  const from = m.direction === 'in' ? 'visitor' : m.authorKind === 'expert' ? 'expert' : 'system';
  return {
    id: String(m._id),
    ticketId: String(m.ticket),
    from,
    authorName: from === 'expert' ? m.authorName : '',
    text: m.text,
    clientId: m.direction === 'in' ? (CLIENT_ID.exec(m.externalId)?.[1] ?? null) : null,
    createdAt: new Date(m.createdAt).toISOString(),
    attachments: (m.attachments ?? []).map((a) => ({
      name: a.name ?? '',
      contentType: a.contentType ?? 'application/octet-stream',
      size: a.size ?? 0,
      dropped: a.dropped,
      reason: a.reason ?? null,
      url: a.fileId && !a.dropped ? visitorAttachmentUrl(String(a.fileId), visitorId) : null,
    })),
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
