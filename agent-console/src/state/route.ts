import { isViewId, type ViewId } from './views';

/** What supervisors keep (the after-sales records); the server allows them the same. */
const MANAGER_SECTIONS = [
  'dealers',
  'import',
  'surveys',
  'competitors',
  'shipments',
  'knowledge',
  'feedback',
] as const;

/** Admins also configure staff, routing and channels. */
export const ADMIN_SECTIONS = [
  'experts',
  'groups',
  'rules',
  'channels',
  'canned',
  'widget-keys',
  'mailboxes',
  ...MANAGER_SECTIONS,
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** Admins configure everything; everyone else keeps their canned responses there. */
export function adminSectionsFor(roles: readonly string[]): readonly AdminSection[] {
  if (roles.includes('admin')) return ADMIN_SECTIONS;
  return roles.includes('supervisor') ? [...MANAGER_SECTIONS, 'canned'] : ['canned'];
}

export type Route =
  | { screen: 'inbox'; view: ViewId; ticketId: string | null }
  | { screen: 'board' }
  | { screen: 'reports' }
  | { screen: 'admin'; section: AdminSection };

const TICKET_ID = /^[a-f0-9]{24}$/;

/** Reads "#/board", "#/admin/experts", "#/inbox/mine" or "#/inbox/mine/<ticketId>"; anything else falls back. */
export function parseRoute(hash: string, fallback: ViewId): Route {
  const [screen, view, ticketId] = hash.replace(/^#\/?/, '').split('/');
  if (screen === 'board') return { screen: 'board' };
  if (screen === 'reports') return { screen: 'reports' };
  if (screen === 'admin') {
    const section = (ADMIN_SECTIONS as readonly string[]).includes(view ?? '')
      ? (view as AdminSection)
      : 'experts';
    return { screen: 'admin', section };
  }
  return {
    screen: 'inbox',
    view: view && isViewId(view) ? view : fallback,
    ticketId: ticketId && TICKET_ID.test(ticketId) ? ticketId : null,
  };
}

export function formatRoute(route: Route): string {
  if (route.screen === 'board') return '#/board';
  if (route.screen === 'reports') return '#/reports';
  if (route.screen === 'admin') return `#/admin/${route.section}`;
  return `#/inbox/${route.view}${route.ticketId ? `/${route.ticketId}` : ''}`;
}
