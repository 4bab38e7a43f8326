import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import { Server, type Namespace, type Socket } from 'socket.io';
import { readSession, sidFromCookieHeader, type SessionUser } from '../auth/session.js';
import { toSessionUser } from '../users/service.js';
import { inBackground, logger } from './logger.js';
import { newRedis, redisKey } from './redis.js';

export const STAFF_NAMESPACE = '/staff';

export const rooms = {
  user: (id: string) => `user:${id}`,
  group: (id: string) => `group:${id}`,
  supervisors: 'supervisors',
};

export interface StaffSocketData {
  user: SessionUser;
}

let io: Server | undefined;
let emitter: Emitter | undefined;

/**
 * socket.io on the HTTP server with the Redis adapter, so an event emitted by any hub process
 * reaches sockets on every other one. Staff authenticate with the same session cookie as the API.
 */
export function attachRealtime(server: HttpServer, allowedOrigins: string[]): Server {
  const pub = newRedis();
  const sub = newRedis();
  io = new Server(server, {
    cors: { origin: allowedOrigins, credentials: true },
    adapter: createAdapter(pub, sub, { key: redisKey('socket.io') }),
    serveClient: false,
  });
  const staff = io.of(STAFF_NAMESPACE);
  staff.use(async (socket, next) => {
    try {
      const session = await readSession(sidFromCookieHeader(socket.handshake.headers.cookie));
      const user = session ? await toSessionUser(session.userId) : null;
      if (!user) return next(new Error('unauthorized'));
      (socket.data as StaffSocketData).user = user;
      next();
    } catch (err) {
      logger.warn({ err }, 'staff socket auth failed');
      next(new Error('unavailable'));
    }
  });
  staff.on('connection', (socket: Socket) => {
    const { user } = socket.data as StaffSocketData;
    joinRooms(socket, [rooms.user(user.id), ...user.groups.map(rooms.group)]);
    if (user.roles.includes('supervisor') || user.roles.includes('admin'))
      joinRooms(socket, rooms.supervisors);
    for (const handler of connectionHandlers) handler(socket, user);
  });
  return io;
}

/** Rooms live in this process's memory (the Redis adapter is not sharded), so this is at once. */
export function joinRooms(socket: Socket, room: string | string[]): void {
  const joined = socket.join(room);
  if (joined instanceof Promise) inBackground(joined, 'joining a socket room');
}

export function leaveRoom(socket: Socket, room: string): void {
  const left = socket.leave(room);
  if (left instanceof Promise) inBackground(left, 'leaving a socket room');
}

type ConnectionHandler = (socket: Socket, user: SessionUser) => void;
const connectionHandlers: ConnectionHandler[] = [];

/** Modules add their socket event handlers here (presence, typing, ...). */
export function onStaffConnection(handler: ConnectionHandler): void {
  if (!connectionHandlers.includes(handler)) connectionHandlers.push(handler);
}

/** Emits to staff rooms from any process (server or worker) through Redis. */
export function staffEmitter(): Pick<Namespace, 'to'> {
  if (io) return io.of(STAFF_NAMESPACE);
  emitter ??= new Emitter(newRedis(), { key: redisKey('socket.io') });
  return emitter.of(STAFF_NAMESPACE) as unknown as Pick<Namespace, 'to'>;
}

/** Emits one event to these staff rooms from any process (server or worker). */
export function emitToStaff(to: string[], event: string, payload: unknown): void {
  if (!to.length) return;
  (staffEmitter().to(to) as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
}

export async function closeRealtime(): Promise<void> {
  if (!io) return;
  const server = io;
  io = undefined;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
