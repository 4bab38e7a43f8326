import { useEffect, useState } from 'preact/hooks';
import { nearestServiceDealers, type NearbyDealer } from '../api/dealers';
import { describeError } from '../api/error-message';
import { useI18n } from '../i18n/context';
import { formatList } from '../i18n/format';

/**
 * The active service dealers nearest the customer (their city first, then their province), so
 * the expert can name a workshop or send a technician without leaving the conversation.
 */
export function NearestDealers({ province, city }: { province: string; city: string }) {
  const { locale, t } = useI18n();
  const [dealers, setDealers] = useState<NearbyDealer[] | null>(null);
  const [error, setError] = useState<unknown>();
  const known = Boolean(province.trim() || city.trim());

  useEffect(() => {
    setDealers(null);
    setError(undefined);
    if (!known) return;
    let current = true;
    nearestServiceDealers({ province, city }).then(
      (found) => current && setDealers(found),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [province, city]);

  return (
    <section aria-labelledby="nearest-dealers-title" class="nearest-dealers">
      <h3 id="nearest-dealers-title">{t('dealers.nearest')}</h3>
      {!known && <p class="empty">{t('dealers.noPlace')}</p>}
      {error !== undefined && (
        <p class="form-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
      {dealers?.length === 0 && <p class="empty">{t('dealers.none')}</p>}
      {dealers && dealers.length > 0 && (
        <ul class="compact-list">
          {dealers.map((d) => (
            <li key={d.id} data-dealer={d.code}>
              <bdi>{d.name}</bdi> <span class="hint">({t(`dealers.match.${d.match}`)})</span>
              <span class="fact-line">
                <bdi>{formatList([d.city, d.province].filter(Boolean), locale, 'unit')}</bdi>
                {d.distanceKm !== null && ` · ${t('dealers.km', { km: d.distanceKm })}`}
              </span>
              {d.phone && (
                <a class="fact-line" href={`tel:${d.phone}`} dir="ltr">
                  {d.phone}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
