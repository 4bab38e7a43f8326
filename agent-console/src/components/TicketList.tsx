import type { TicketSummary } from '@cc/shared';
import { describeError } from '../api/error-message';
import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { formatRoute } from '../state/route';
import type { ViewList } from '../state/ticket-lists';
import type { ViewId } from '../state/views';
import { SlaBadge, WaitTime } from './TicketTimes';

interface TicketListProps {
  view: ViewId;
  list: ViewList | undefined;
  tickets: Record<string, TicketSummary>;
  selectedId: string | null;
  onLoadMore: () => void;
  onRetry: () => void;
}

const WAIT_TICK_MS = 15_000;

export function TicketList({
  view,
  list,
  tickets,
  selectedId,
  onLoadMore,
  onRetry,
}: TicketListProps) {
  const { t } = useI18n();
  const now = useNow(WAIT_TICK_MS);
  const items = (list?.ids ?? []).flatMap((id) => tickets[id] ?? []);
  const loading = list === undefined || list.status === 'loading';

  return (
    <section class="ticket-list" aria-labelledby="ticket-list-title" aria-busy={loading}>
      <h2 id="ticket-list-title">{label(t, 'view', view)}</h2>
      {list?.status === 'error' && (
        <p class="form-error" role="alert">
          {describeError(list.error, t)}{' '}
          <button type="button" class="link-button" onClick={onRetry}>
            {t('action.retry')}
          </button>
        </p>
      )}
      {items.length === 0 && !loading && list?.status !== 'error' && (
        <p class="empty">{t('list.empty')}</p>
      )}
      <ul>
        {items.map((ticket) => (
          <li key={ticket.id}>
            <a
              class={`ticket-item priority-${ticket.priority}`}
              href={formatRoute({ screen: 'inbox', view, ticketId: ticket.id })}
              aria-current={ticket.id === selectedId ? 'true' : undefined}
              data-ticket={ticket.label}
            >
              <span class="ticket-item-top">
                <span class="ticket-label" dir="ltr">
                  {ticket.label}
                </span>
                <span class="ticket-contact">
                  <bdi>{ticket.contact.name || t('contact.unnamed')}</bdi>
                </span>
                <span class={`badge badge-${ticket.priority}`}>
                  {label(t, 'priority', ticket.priority)}
                </span>
              </span>
              <span class="ticket-subject">
                <bdi>{ticket.subject || t('ticket.noSubject')}</bdi>
              </span>
              <span class="ticket-item-bottom">
                <span>{label(t, 'channel', ticket.channel)}</span>
                <span>{label(t, 'status', ticket.status)}</span>
                <WaitTime ticket={ticket} now={now} />
                <SlaBadge ticket={ticket} now={now} />
              </span>
            </a>
          </li>
        ))}
      </ul>
      {loading && <p class="loading-inline">{t('app.loading')}</p>}
      {list?.nextCursor && !loading && (
        <button type="button" class="secondary load-more" onClick={onLoadMore}>
          {t('list.loadMore')}
        </button>
      )}
    </section>
  );
}
