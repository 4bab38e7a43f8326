import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { connectStaffSocket, type ConsoleServerEvents, type StaffSocket } from './socket';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface Realtime {
  socket: StaffSocket;
  status: ConnectionStatus;
  /**
   * Goes up on every (re)connection: load data when it is above 0 and again whenever it changes,
   * since events sent while disconnected are lost. It also goes to 1 if the first connection takes
   * too long, so the console still loads (without live updates) when the socket cannot connect.
   */
  generation: number;
}

const RealtimeContext = createContext<Realtime | null>(null);

const RETRY_AFTER_REFUSAL_MS = 3000;
const FIRST_CONNECTION_GRACE_MS = 2000;

interface RealtimeProviderProps {
  /** The server refused the socket because the session is gone. */
  onUnauthorized: () => void;
  children: ComponentChildren;
}

export function RealtimeProvider({ onUnauthorized, children }: RealtimeProviderProps) {
  const [socket] = useState(connectStaffSocket);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const grace = setTimeout(() => setGeneration((g) => Math.max(g, 1)), FIRST_CONNECTION_GRACE_MS);
    socket.on('connect', () => {
      clearTimeout(grace);
      setStatus('connected');
      setGeneration((g) => g + 1);
    });
    socket.on('disconnect', (reason) => {
      setStatus('reconnecting');
      // socket.io reconnects by itself except when the server closed the connection on purpose.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') return unauthorized.current();
      setStatus((s) => (s === 'connecting' ? s : 'reconnecting'));
      // A refusal by the namespace's middleware is not retried by socket.io itself.
      if (!socket.active) retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    });
    return () => {
      clearTimeout(retry);
      clearTimeout(grace);
      socket.disconnect();
    };
  }, [socket]);

  return (
    <RealtimeContext.Provider value={{ socket, status, generation }}>
      {children}
    </RealtimeContext.Provider>
  );
}

export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return realtime;
}

/** Subscribes to server events for the life of the component (latest handler wins). */
export function useSocketEvents(handlers: Partial<ConsoleServerEvents>, deps: unknown[]): void {
  const { socket } = useRealtime();
  useEffect(() => {
    // Each handler matches its own event's signature; the loop only pairs them up again.
    const emitter = socket as unknown as {
      on(event: string, handler: (payload: never) => void): void;
      off(event: string, handler: (payload: never) => void): void;
    };
    const entries = Object.entries(handlers) as Array<[string, (payload: never) => void]>;
    for (const [event, handler] of entries) emitter.on(event, handler);
    return () => {
      for (const [event, handler] of entries) emitter.off(event, handler);
    };
  }, [socket, ...deps]);
}
