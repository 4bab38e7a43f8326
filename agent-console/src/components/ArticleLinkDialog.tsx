import { useEffect, useState } from 'preact/hooks';
import { articleUrl, searchPublishedArticles, type ArticleHit } from '../api/canned';
import { describeError } from '../api/error-message';
import { useI18n } from '../i18n/context';
import { Dialog } from './Dialog';

const SEARCH_DELAY_MS = 250;

/** Finds a published knowledge-base article and hands back "title: address" for the composer. */
export function ArticleLinkDialog({
  onClose,
  onPick,
}: {
  onClose: () => void;
  onPick: (text: string) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ArticleHit[] | null>(null);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      searchPublishedArticles(query).then(
        (found) => {
          if (!current) return;
          setHits(found);
          setError(undefined);
        },
        (failure: unknown) => current && setError(failure),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <Dialog title={t('kb.title')} onClose={onClose}>
      <div class="dialog-form">
        <label for="kb-search">{t('kb.search')}</label>
        <input
          id="kb-search"
          type="search"
          value={q}
          autoFocus
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <p class="form-error" role="alert">
          {error === undefined ? '' : describeError(error, t)}
        </p>
        {hits !== null && hits.length === 0 && <p class="hint">{t('kb.none')}</p>}
        {hits !== null && hits.length > 0 && (
          <ul class="kb-hits" aria-label={t('kb.results')}>
            {hits.map((hit) => (
              <li key={hit.id}>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => onPick(`${hit.title}: ${articleUrl(hit)}`)}
                >
                  <bdi>{hit.title}</bdi>
                </button>
                <p class="hint" dir="auto">
                  {hit.snippet}
                </p>
              </li>
            ))}
          </ul>
        )}
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            {t('action.cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
