import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { formatRoute, type Route } from '../state/route';
import { viewCount, type ListsState } from '../state/ticket-lists';
import type { ViewId } from '../state/views';

interface InboxNavProps {
  views: ViewId[];
  lists: ListsState;
  route: Route;
  showBoard: boolean;
}

export function InboxNav({ views, lists, route, showBoard }: InboxNavProps) {
  const { t } = useI18n();
  return (
    <nav class="inbox-nav" aria-label={t('nav.label')}>
      <ul>
        {views.map((view) => {
          const count = viewCount(lists.views[view]);
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
      </ul>
    </nav>
  );
}
