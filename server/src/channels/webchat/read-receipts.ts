import type { Socket } from 'socket.io';
import type { SessionUser } from '../../auth/session.js';
import { notFound } from '../../core/errors.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { assertCanSeeTicket } from '../../tickets/policy.js';
import { visitorsOfTicket } from './adapter.js';
import { emitToVisitors } from './emitter.js';
import { WebchatSession } from './model.js';
import { staffReadSchema } from './schema.js';
import { emitToChatStaff } from './staff-events.js';
import { ownSession, type Visitor } from './service.js';
import { answerAck, type Ack } from './socket-ack.js';

async function messageOfTicket(ticketId: unknown, messageId: string): Promise<MessageDoc> {
  const m = await Message.findById(messageId, { ticket: 1 }).lean<MessageDoc>();
  if (!m || String(m.ticket) !== String(ticketId)) throw notFound('Message');
  return m;
}

/** The visitor has seen the chat up to `messageId`: kept on the session, shown to staff. */
export async function markReadByVisitor(
  v: Visitor,
  input: { ticketId?: string; messageId: string },
): Promise<null> {
  const session = await ownSession(v, input.ticketId);
  await messageOfTicket(session.ticket, input.messageId);
  await WebchatSession.updateOne(
    { _id: session._id },
    { $set: { visitorReadUpTo: input.messageId } },
  );
  const ticketId = String(session.ticket);
  await emitToChatStaff(ticketId, 'visitor:read', { ticketId, messageId: input.messageId });
  return null;
}

/** Staff `ticket:read` {ticketId, messageId}: the visitor sees their messages as read. */
export function webchatStaffReadHandler(socket: Socket, user: SessionUser): void {
  socket.on('ticket:read', async (payload: unknown, ack?: Ack<{ visitors: number }>) => {
    await answerAck(ack, async () => {
      const { ticketId, messageId } = staffReadSchema.parse(payload);
      const t = await Ticket.findById(ticketId).lean<TicketDoc>();
      if (!t) throw notFound('Ticket');
      assertCanSeeTicket(user, t);
      await messageOfTicket(t._id, messageId);
      if (t.channel !== 'webchat') return { visitors: 0 };
      await WebchatSession.updateMany({ ticket: t._id }, { $set: { staffReadUpTo: messageId } });
      const visitors = await visitorsOfTicket(t._id);
      emitToVisitors(visitors, 'message:read', { ticketId, messageId });
      return { visitors: visitors.length };
    });
  });
}
