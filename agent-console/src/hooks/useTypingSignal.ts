import { useEffect, useMemo } from 'preact/hooks';
import { useRealtime } from '../realtime/context';
import { createTypingSignal, type TypingSignal } from '../state/typing';

/** Tells the ticket's web-chat visitor that the expert is typing (staff event `ticket:typing`). */
export function useTypingSignal(ticketId: string, enabled: boolean): TypingSignal {
  const { socket } = useRealtime();
  const signal = useMemo(
    () =>
      createTypingSignal((typing) => {
        // Best effort: a lost signal only leaves the visitor's indicator to time out.
        if (socket.connected) socket.emit('ticket:typing', { ticketId, typing }, () => undefined);
      }),
    [socket, ticketId],
  );
  useEffect(() => {
    if (!enabled) signal.stop();
    return signal.stop;
  }, [signal, enabled]);
  return enabled ? signal : { input: () => undefined, stop: signal.stop };
}
