import type { TicketSummary } from '@cc/shared';
import { useCallback, useEffect, useMemo, useReducer } from 'preact/hooks';
import { listTickets } from '../api/tickets';
import { useRealtime, useSocketEvents } from '../realtime/context';
import { EMPTY_LISTS, makeListsReducer, type ListsState } from '../state/ticket-lists';
import { viewDefinition, type ViewId, type Viewer } from '../state/views';

const PAGE_SIZE = 50;

export interface TicketLists {
  state: ListsState;
  loadMore: (view: ViewId) => void;
  reload: (view: ViewId) => void;
  /** Applies a ticket the console changed itself, before its socket event arrives. */
  applyTicket: (ticket: TicketSummary) => void;
}

/**
 * Every inbox view's first page (which also gives the nav its counts), fetched once the socket is
 * connected, kept live from its events and fetched again after each reconnection.
 */
export function useTicketLists(viewer: Viewer, views: ViewId[]): TicketLists {
  const reducer = useMemo(() => makeListsReducer(viewer), [viewer]);
  const [state, dispatch] = useReducer(reducer, EMPTY_LISTS);
  const { generation } = useRealtime();

  const fetchPage = useCallback(
    (view: ViewId, cursor: string | null) => {
      dispatch({ type: 'loading', view });
      listTickets({
        ...viewDefinition(view).query(viewer),
        limit: PAGE_SIZE,
        cursor: cursor ?? undefined,
      })
        .then((page) => dispatch({ type: 'pageLoaded', view, page, append: cursor !== null }))
        .catch((error: unknown) => dispatch({ type: 'pageFailed', view, error }));
    },
    [viewer],
  );

  useEffect(() => {
    if (generation === 0) return;
    for (const view of views) fetchPage(view, null);
  }, [generation, views, fetchPage]);

  const applyTicket = useCallback(
    (ticket: TicketSummary) => dispatch({ type: 'ticketChanged', ticket }),
    [],
  );

  useSocketEvents(
    {
      'ticket:created': applyTicket,
      'ticket:updated': applyTicket,
      'ticket:assigned': applyTicket,
      'ticket:transferred': ({ ticket }) => applyTicket(ticket),
      'sla:warning': ({ ticket }) => applyTicket(ticket),
      'sla:breach': ({ ticket }) => applyTicket(ticket),
      'mention:created': ({ ticket }) => applyTicket(ticket),
    },
    [applyTicket],
  );

  return {
    state,
    applyTicket,
    reload: (view) => fetchPage(view, null),
    loadMore: (view) => {
      const cursor = state.views[view]?.nextCursor;
      if (cursor) fetchPage(view, cursor);
    },
  };
}
