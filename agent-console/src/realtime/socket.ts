import type {
  StaffClientEvents,
  StaffServerEvents,
  WebchatStaffClientEvents,
  WebchatStaffServerEvents,
} from '@cc/shared';
import { io, type Socket } from 'socket.io-client';

/** Everything the staff namespace says, the web-chat channel's typing events included. */
export type ConsoleServerEvents = StaffServerEvents & WebchatStaffServerEvents;
export type StaffSocket = Socket<ConsoleServerEvents, StaffClientEvents & WebchatStaffClientEvents>;

const ACK_TIMEOUT_MS = 5000;

/** The staff namespace on this origin; the session cookie authenticates it. */
export function connectStaffSocket(): StaffSocket {
  return io('/staff', { withCredentials: true });
}

/** Sets presence over the socket; rejects on a timeout or an error answer so the caller can fall back to REST. */
export async function setPresenceOverSocket(
  socket: StaffSocket,
  status: 'online' | 'away' | 'offline',
): Promise<void> {
  const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('presence:set', { status });
  if (!answer.ok) throw new Error(answer.error.message);
}
