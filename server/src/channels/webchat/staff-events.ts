import type { WebchatStaffServerEvents } from '@cc/shared';
import { emitToStaff, rooms } from '../../core/realtime.js';
import { ticketState, type TicketState } from '../../tickets/ticket-state.js';

/** The staff rooms that see a chat: supervisors, its group and its expert. */
export const staffRoomsOf = (t: Pick<TicketState, 'group' | 'assignee'>) => [
  rooms.supervisors,
  ...(t.group ? [rooms.group(t.group)] : []),
  ...(t.assignee ? [rooms.user(t.assignee)] : []),
];

/** A web-chat event (visitor typing, read, presence) to the staff who see the chat's ticket. */
export async function emitToChatStaff<E extends keyof WebchatStaffServerEvents>(
  ticketId: string,
  event: E,
  payload: Parameters<WebchatStaffServerEvents[E]>[0],
): Promise<void> {
  const t = await ticketState(ticketId);
  if (t) emitToStaff(staffRoomsOf(t), event, payload);
}
