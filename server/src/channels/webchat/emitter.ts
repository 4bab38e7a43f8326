import { Emitter } from '@socket.io/redis-emitter';
import type { VisitorServerEvents } from '@cc/shared';
import type { Namespace } from 'socket.io';
import { newRedis, redisKey } from '../../core/redis.js';

export const VISITOR_NAMESPACE = '/visitor';
export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;

let namespace: Namespace | undefined;
let emitter: Emitter | undefined;

export function setVisitorNamespace(ns: Namespace | undefined): void {
  namespace = ns;
}

/** Emits to visitors' rooms from any process (through the Redis adapter or emitter). */
export function emitToVisitors<E extends keyof VisitorServerEvents>(
  visitorIds: string[],
  event: E,
  payload: Parameters<VisitorServerEvents[E]>[0],
): void {
  if (!visitorIds.length) return;
  const rooms = visitorIds.map(visitorRoom);
  if (namespace) {
    namespace.to(rooms).emit(event, payload);
    return;
  }
  emitter ??= new Emitter(newRedis(), { key: redisKey('socket.io') });
  emitter.of(VISITOR_NAMESPACE).to(rooms).emit(event, payload);
}

/** Whether any visitor socket is connected in these rooms (any process); false when unknown. */
export async function visitorsConnected(visitorIds: string[]): Promise<boolean> {
  if (!namespace || !visitorIds.length) return false;
  try {
    const sockets = await namespace.in(visitorIds.map(visitorRoom)).fetchSockets();
    return sockets.length > 0;
  } catch {
    return false;
  }
}
