import type { Ack } from '@cc/shared';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { SessionUser } from '../auth/session.js';
import { toAppError } from '../core/http/errors-middleware.js';
import { objectId } from '../core/http/pagination.js';
import { notFound } from '../core/errors.js';
import { inBackground, logger } from '../core/logger.js';
import { summarise } from '../tickets/events.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { assertCanSeeTicket } from '../tickets/policy.js';
import { PRESENCE } from '../users/model.js';
import { PRESENCE_HEARTBEAT_MS, setPresence, socketGone, socketSeen } from './presence.js';
import { queueSnapshot } from './queue-stats.js';

/**
 * Staff socket events. Every payload is validated and every ticket checked against the same
 * policy as the REST API; failures answer the ack with an error and no data.
 */
function handle<S extends z.ZodType, T>(
  socket: Socket,
  event: string,
  schema: S,
  fn: (payload: z.infer<S>) => Promise<T>,
) {
  socket.on(event, async (payload: unknown, ack?: Ack<T>) => {
    if (typeof ack !== 'function') return;
    try {
      ack({ ok: true, data: await fn(schema.parse(payload)) });
    } catch (err) {
      const e = toAppError(err);
      if (e.status >= 500) logger.error({ err, event }, 'staff socket event failed');
      ack({ ok: false, error: { code: e.code, message: e.message } });
    }
  });
}

export function staffSocketHandlers(socket: Socket, user: SessionUser): void {
  const seen = () => inBackground(socketSeen(user.id, socket.id), 'presence: socketSeen');
  seen();
  const heartbeat = setInterval(seen, PRESENCE_HEARTBEAT_MS);
  socket.on('disconnect', () => {
    clearInterval(heartbeat);
    inBackground(socketGone(user.id, socket.id), 'presence: socketGone');
  });

  handle(
    socket,
    'presence:set',
    z.strictObject({ status: z.enum(PRESENCE) }),
    async ({ status }) => {
      const updated = await setPresence(user.id, status);
      return { presence: updated.presence };
    },
  );

  handle(socket, 'ticket:get', z.strictObject({ ticketId: objectId }), async ({ ticketId }) => {
    const t = await Ticket.findById(ticketId).lean<TicketDoc>();
    if (!t) throw notFound('Ticket');
    assertCanSeeTicket(user, t);
    return summarise(t);
  });

  handle(socket, 'queue:get', z.strictObject({ groupId: objectId }), async ({ groupId }) => {
    const manager = user.roles.includes('admin') || user.roles.includes('supervisor');
    if (!manager && !user.groups.includes(groupId)) throw notFound('Expert group');
    return queueSnapshot(groupId);
  });
}
