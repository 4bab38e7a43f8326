import type { TicketSummary } from '@cc/shared';
import type { Page } from '../api/types';
import { viewDefinition, type ViewId, type Viewer } from './views';

export interface ViewList {
  ids: string[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  error?: unknown;
}

export interface ListsState {
  tickets: Record<string, TicketSummary>;
  views: Partial<Record<ViewId, ViewList>>;
}

export type ListsAction =
  | { type: 'loading'; view: ViewId }
  | { type: 'pageLoaded'; view: ViewId; page: Page<TicketSummary>; append: boolean }
  | { type: 'pageFailed'; view: ViewId; error: unknown }
  | { type: 'ticketChanged'; ticket: TicketSummary };

export const EMPTY_LISTS: ListsState = { tickets: {}, views: {} };

/** Keeps the newer of two versions of a ticket: a late socket event must not undo a refetch. */
function remember(
  tickets: Record<string, TicketSummary>,
  incoming: TicketSummary[],
): Record<string, TicketSummary> {
  const next = { ...tickets };
  for (const ticket of incoming) {
    const known = next[ticket.id];
    if (!known || known.updatedAt <= ticket.updatedAt) next[ticket.id] = ticket;
  }
  return next;
}

/**
 * Places a changed ticket in one loaded view: removed when it no longer matches, else put where
 * the server's order puts it. A ticket that sorts after the loaded window while more pages exist
 * stays out; "load more" brings it in its turn.
 */
function placeInView(
  list: ViewList,
  view: ViewId,
  ticket: TicketSummary,
  tickets: Record<string, TicketSummary>,
  viewer: Viewer,
): ViewList {
  const definition = viewDefinition(view);
  const others = list.ids.filter((id) => id !== ticket.id);
  if (!definition.matches(ticket, viewer)) {
    return others.length === list.ids.length ? list : { ...list, ids: others };
  }
  let index = others.findIndex((id) => {
    const other = tickets[id];
    return other !== undefined && definition.compare(ticket, other) < 0;
  });
  if (index === -1) {
    if (list.nextCursor !== null)
      return others.length === list.ids.length ? list : { ...list, ids: others };
    index = others.length;
  }
  const ids = [...others.slice(0, index), ticket.id, ...others.slice(index)];
  return { ...list, ids };
}

export function makeListsReducer(viewer: Viewer) {
  return function listsReducer(state: ListsState, action: ListsAction): ListsState {
    switch (action.type) {
      case 'loading': {
        const list = state.views[action.view];
        return {
          ...state,
          views: {
            ...state.views,
            [action.view]: {
              ids: list?.ids ?? [],
              nextCursor: list?.nextCursor ?? null,
              status: 'loading',
            },
          },
        };
      }
      case 'pageLoaded': {
        const definition = viewDefinition(action.view);
        const items = action.page.items.filter((t) => definition.matches(t, viewer));
        const previous = action.append ? (state.views[action.view]?.ids ?? []) : [];
        const seen = new Set(previous);
        const ids = [...previous, ...items.map((t) => t.id).filter((id) => !seen.has(id))];
        return {
          tickets: remember(state.tickets, items),
          views: {
            ...state.views,
            [action.view]: { ids, nextCursor: action.page.nextCursor, status: 'ready' },
          },
        };
      }
      case 'pageFailed': {
        const list = state.views[action.view];
        return {
          ...state,
          views: {
            ...state.views,
            [action.view]: {
              ids: list?.ids ?? [],
              nextCursor: list?.nextCursor ?? null,
              status: 'error',
              error: action.error,
            },
          },
        };
      }
      case 'ticketChanged': {
        const known = state.tickets[action.ticket.id];
        if (known && known.updatedAt > action.ticket.updatedAt) return state;
        const tickets = { ...state.tickets, [action.ticket.id]: action.ticket };
        const views: ListsState['views'] = {};
        for (const [view, list] of Object.entries(state.views) as Array<[ViewId, ViewList]>) {
          views[view] = placeInView(list, view, action.ticket, tickets, viewer);
        }
        return { tickets, views };
      }
    }
  };
}

/** What the nav shows: the tickets known to be in the view, and whether there are more. */
export function viewCount(list: ViewList | undefined): { count: number; more: boolean } | null {
  if (!list || (list.status === 'loading' && list.ids.length === 0)) return null;
  return { count: list.ids.length, more: list.nextCursor !== null };
}
