import type { MessageView, TicketSummary, TicketViewCounts } from '@cc/shared';
import { queryString, requestJson, sendJson } from './http';
import type { Page, Priority, ReplyChannel, TicketDetail, TicketType } from './types';

export function listTickets(
  params: Record<string, string | number | undefined>,
): Promise<Page<TicketSummary>> {
  return requestJson(`/api/tickets${queryString(params)}`);
}

/** The inbox views' sizes for the signed-in user, from the server's counters. */
export function ticketCounts(): Promise<TicketViewCounts> {
  return requestJson('/api/tickets/counts');
}

export function getTicket(id: string): Promise<TicketDetail> {
  return requestJson(`/api/tickets/${id}`);
}

export interface TicketChanges {
  status?: 'pending' | 'resolved' | 'closed' | 'open';
  priority?: Priority;
  type?: TicketType;
  tags?: string[];
  faultCode?: string | null;
  serial?: string | null;
}

/** Answers the ticket without messages, queue or timeline refresh: callers refetch the detail. */
export function updateTicket(
  csrf: string,
  id: string,
  changes: TicketChanges,
): Promise<TicketSummary> {
  return sendJson('PATCH', `/api/tickets/${id}`, csrf, changes);
}

export function assignTicket(csrf: string, id: string, expertId: string): Promise<TicketSummary> {
  return sendJson('POST', `/api/tickets/${id}/assign`, csrf, { expertId });
}

export function transferTicket(
  csrf: string,
  id: string,
  target: { groupId?: string; expertId?: string; note?: string },
): Promise<TicketSummary> {
  return sendJson('POST', `/api/tickets/${id}/transfer`, csrf, target);
}

export function mergeTicket(
  csrf: string,
  id: string,
  sourceTicketId: string,
): Promise<TicketSummary> {
  return sendJson('POST', `/api/tickets/${id}/merge`, csrf, { sourceTicketId });
}

export function addNote(
  csrf: string,
  id: string,
  text: string,
  mentions: string[],
  attachments: string[] = [],
): Promise<MessageView> {
  return sendJson('POST', `/api/tickets/${id}/notes`, csrf, { text, mentions, attachments });
}

export function reply(
  csrf: string,
  id: string,
  text: string,
  channel: ReplyChannel,
  attachments: string[] = [],
): Promise<MessageView> {
  return sendJson('POST', `/api/tickets/${id}/messages`, csrf, { text, channel, attachments });
}

/** Supervisors: the ticket leaves its expert and goes back to its group's queue. */
export function requeueTicket(csrf: string, id: string): Promise<TicketSummary> {
  return sendJson('POST', `/api/tickets/${id}/requeue`, csrf);
}
