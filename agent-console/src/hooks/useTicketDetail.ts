import type { MessageView } from '@cc/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getTicket } from '../api/tickets';
import type { TicketDetail } from '../api/types';
import { useRealtime, useSocketEvents } from '../realtime/context';
import { withMessage } from '../state/conversation';

const REFRESH_DELAY_MS = 250;

export interface TicketDetailState {
  detail: TicketDetail | null;
  error: unknown;
  loading: boolean;
  refresh: () => void;
  addMessage: (message: MessageView) => void;
}

/**
 * One ticket with its messages and timeline. New messages arrive by socket; any change to the
 * ticket refetches it (debounced) since only the detail carries the timeline.
 */
export function useTicketDetail(ticketId: string | null): TicketDetailState {
  const { generation } = useRealtime();
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const current = useRef(ticketId);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  current.current = ticketId;

  const load = useCallback((id: string) => {
    getTicket(id).then(
      (ticket) => {
        if (current.current !== id) return;
        setDetail(ticket);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (current.current !== id) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setDetail(null);
    setError(undefined);
    setLoading(ticketId !== null);
  }, [ticketId]);

  // Loaded once the socket is connected and again after each reconnection (see Realtime.generation).
  useEffect(() => {
    if (ticketId !== null && generation > 0) load(ticketId);
  }, [ticketId, generation, load]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (current.current) load(current.current);
    }, REFRESH_DELAY_MS);
  }, [load]);

  const addMessage = useCallback((message: MessageView) => {
    setDetail((d) =>
      d && d.id === message.ticket ? { ...d, messages: withMessage(d.messages, message) } : d,
    );
  }, []);

  const onTicket = useCallback(
    (ticket: { id: string }) => {
      if (ticket.id === current.current) refresh();
    },
    [refresh],
  );

  useSocketEvents(
    {
      'message:created': addMessage,
      'ticket:updated': onTicket,
      'ticket:assigned': onTicket,
      'ticket:transferred': ({ ticket }) => onTicket(ticket),
    },
    [addMessage, onTicket],
  );

  return { detail, error, loading, refresh, addMessage };
}
