import type { VisitorAck } from '@cc/shared';
import type { Socket } from 'socket.io';
import type { SessionUser } from '../../auth/session.js';
import { toAppError } from '../../core/http/errors-middleware.js';
import { notFound } from '../../core/errors.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { assertCanSeeTicket } from '../../tickets/policy.js';
import { visitorsOfTicket } from './adapter.js';
import { emitToVisitors } from './emitter.js';
import { staffTypingSchema } from './schema.js';

/** Staff `ticket:typing` {ticketId, typing}: shown to the ticket's web-chat visitor. */
export function webchatStaffHandlers(socket: Socket, user: SessionUser): void {
  socket.on('ticket:typing', async (payload: unknown, ack?: VisitorAck<{ visitors: number }>) => {
    try {
      const { ticketId, typing } = staffTypingSchema.parse(payload);
      const t = await Ticket.findById(ticketId).lean<TicketDoc>();
      if (!t) throw notFound('Ticket');
      assertCanSeeTicket(user, t);
      const visitors = t.channel === 'webchat' ? await visitorsOfTicket(t._id) : [];
      emitToVisitors(visitors, 'typing', { ticketId, typing, name: user.displayName });
      if (typeof ack === 'function') ack({ ok: true, data: { visitors: visitors.length } });
    } catch (err) {
      const e = toAppError(err);
      if (typeof ack === 'function')
        ack({ ok: false, error: { code: e.code, message: e.message } });
    }
  });
}
