import type { Socket } from 'socket.io';
import type { SessionUser } from '../../auth/session.js';
import { notFound } from '../../core/errors.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { assertCanSeeTicket } from '../../tickets/policy.js';
import { visitorsOfTicket } from './adapter.js';
import { visitorsConnected } from './emitter.js';
import { staffPresenceSchema } from './schema.js';
import { emitToChatStaff } from './staff-events.js';
import { answerAck, type Ack } from './socket-ack.js';

/** Tells the staff who see the chat that its visitor came back or left. */
export const emitVisitorPresence = (ticketId: string, online: boolean): Promise<void> =>
  emitToChatStaff(ticketId, 'visitor:presence', { ticketId, online });

/** Staff `ticket:visitor-presence` {ticketId}: whether a tab of the chat's visitor is open now. */
export function webchatStaffPresenceHandler(socket: Socket, user: SessionUser): void {
  socket.on('ticket:visitor-presence', async (payload: unknown, ack?: Ack<{ online: boolean }>) => {
    await answerAck(ack, async () => {
      const { ticketId } = staffPresenceSchema.parse(payload);
      const t = await Ticket.findById(ticketId, {
        channel: 1,
        group: 1,
        assignee: 1,
      }).lean<TicketDoc>();
      if (!t) throw notFound('Ticket');
      assertCanSeeTicket(user, t);
      if (t.channel !== 'webchat') return { online: false };
      return { online: await visitorsConnected(await visitorsOfTicket(t._id)) };
    });
  });
}
