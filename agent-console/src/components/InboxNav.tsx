import type { TicketViewCounts } from '@cc/shared';
import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { formatRoute, type AdminSection, type Route } from '../state/route';
import { viewCount, type ListsState } from '../state/ticket-lists';
import { SearchBox } from './SearchBox';
import { ReportsNavLink } from './reports/ReportsNavLink';
import type { ViewId } from '../state/views';

interface InboxNavProps {
  views: ViewId[];
  lists: ListsState;
  /** The server's counters; views it does not count (resolved, all) show their loaded list. */
  counts: TicketViewCounts | null;
  route: Route;
  showBoard: boolean;
  /** Where the administration link leads: admins' first page, or the canned responses. */
  adminSection: AdminSection;
  onSearch: (query: string) => void;
  /** A view or the board was chosen (closes the search). */
  onNavigate: () => void;
}

export function InboxNav({
  views,
  lists,
  counts,
  route,
  showBoard,
  adminSection,
  onSearch,
  onNavigate,
}: InboxNavProps) {
  const { t } = useI18n();
  return (
    <nav class="inbox-nav" aria-label={t('nav.label')}>
      <SearchBox onSearch={onSearch} />
      <ul onClick={onNavigate}>
        {views.map((view) => {
          const counted = counts && view in counts ? counts[view as keyof TicketViewCounts] : null;
          const count =
            counted === null ? viewCount(lists.views[view]) : { count: counted, more: false };
          const current = route.screen === 'inbox' && route.view === view;
          const countText = count
            ? t(count.more ? 'nav.countMore' : 'nav.count', { count: count.count })
            : '';
          return (
            <li key={view}>
              <a
                href={formatRoute({ screen: 'inbox', view, ticketId: null })}
                aria-current={current ? 'page' : undefined}
                data-view={view}
              >
                <span>{label(t, 'view', view)}</span>
                <span
                  class="count"
                  aria-label={countText ? t('nav.countLabel', { count: countText }) : undefined}
                >
                  {countText}
                </span>
              </a>
            </li>
          );
        })}
        {showBoard && (
          <li class="nav-separated">
            <a
              href={formatRoute({ screen: 'board' })}
              aria-current={route.screen === 'board' ? 'page' : undefined}
            >
              {t('board.title')}
            </a>
          </li>
        )}
        {showBoard && <ReportsNavLink current={route.screen === 'reports'} />}
        <li class={showBoard ? undefined : 'nav-separated'}>
          <a
            href={formatRoute({ screen: 'admin', section: adminSection })}
            aria-current={route.screen === 'admin' ? 'page' : undefined}
          >
            {adminSection === 'canned' ? t('admin.section.canned') : t('admin.title')}
          </a>
        </li>
      </ul>
    </nav>
  );
}
