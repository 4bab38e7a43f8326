import { useEffect, useState } from 'preact/hooks';
import {
  FEEDBACK_TYPES,
  REVIEW_STATES,
  listFeedback,
  type FeedbackFilter,
  type FeedbackItem,
} from '../../api/feedback';
import { useI18n } from '../../i18n/context';
import { formatDate } from '../../i18n/format';
import { label } from '../../i18n/labels';
import { formatRoute } from '../../state/route';
import { AdminLoadError, AdminTable } from './AdminParts';

/** Management's list of complaints, suggestions and criticisms with their review state. */
export function FeedbackAdmin() {
  const { locale, t } = useI18n();
  const [filter, setFilter] = useState<FeedbackFilter>({ type: '', reviewState: '' });
  const [items, setItems] = useState<FeedbackItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  async function load(from: string | null) {
    setLoading(true);
    setLoadError(undefined);
    try {
      const page = await listFeedback(filter, from);
      setItems((before) => (from ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setLoadError(failure);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, [filter.type, filter.reviewState]);

  return (
    <section aria-label={t('admin.section.feedback')}>
      <div class="admin-filters">
        <label for="feedback-type">{t('feedback.filterType')}</label>
        <select
          id="feedback-type"
          value={filter.type}
          onChange={(e) => setFilter({ ...filter, type: e.currentTarget.value })}
        >
          <option value="">{t('feedback.any')}</option>
          {FEEDBACK_TYPES.map((type) => (
            <option key={type} value={type}>
              {label(t, 'type', type)}
            </option>
          ))}
        </select>
        <label for="feedback-state">{t('feedback.review')}</label>
        <select
          id="feedback-state"
          value={filter.reviewState}
          onChange={(e) => setFilter({ ...filter, reviewState: e.currentTarget.value })}
        >
          <option value="">{t('feedback.any')}</option>
          {REVIEW_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`feedback.state.${state}`)}
            </option>
          ))}
        </select>
      </div>
      <AdminLoadError error={loadError} />
      <AdminTable
        columns={[
          'feedback.ticket',
          'feedback.filterType',
          'feedback.subject',
          'feedback.category',
          'feedback.review',
          'feedback.created',
        ]}
      >
        {items.map((item) => (
          <tr key={item.ticket}>
            <td>
              <a href={formatRoute({ screen: 'inbox', view: 'all', ticketId: item.ticket })}>
                <span dir="ltr">{item.label}</span>
              </a>
            </td>
            <td>{label(t, 'type', item.type)}</td>
            <td>
              <bdi>{item.subject || t('ticket.noSubject')}</bdi>
            </td>
            <td>
              <bdi>{item.category}</bdi>
            </td>
            <td>{t(`feedback.state.${item.reviewState}`)}</td>
            <td>{formatDate(new Date(item.createdAt), locale, { dateStyle: 'medium' })}</td>
            <td />
          </tr>
        ))}
      </AdminTable>
      {!loading && !loadError && items.length === 0 && <p class="hint">{t('feedback.none')}</p>}
      {cursor && (
        <button
          type="button"
          class="secondary"
          disabled={loading}
          onClick={() => void load(cursor)}
        >
          {t('feedback.more')}
        </button>
      )}
    </section>
  );
}
