import { isViewId, type ViewId } from './views';

export type Route =
  { screen: 'inbox'; view: ViewId; ticketId: string | null } | { screen: 'board' };

const TICKET_ID = /^[a-f0-9]{24}$/;

/** Reads "#/board", "#/inbox/mine" or "#/inbox/mine/<ticketId>"; anything else falls back. */
export function parseRoute(hash: string, fallback: ViewId): Route {
  const [screen, view, ticketId] = hash.replace(/^#\/?/, '').split('/');
  if (screen === 'board') return { screen: 'board' };
  return {
    screen: 'inbox',
    view: view && isViewId(view) ? view : fallback,
    ticketId: ticketId && TICKET_ID.test(ticketId) ? ticketId : null,
  };
}

export function formatRoute(route: Route): string {
  if (route.screen === 'board') return '#/board';
  return `#/inbox/${route.view}${route.ticketId ? `/${route.ticketId}` : ''}`;
}
