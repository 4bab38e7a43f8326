import { useEffect, useState } from 'preact/hooks';
import { portalSettings, type OwnerView, type RequestKind } from './api';
import type { T } from './app';
import { openChat } from './chat';
import { formatDay, type Key, type Locale } from './i18n';
import { RequestForm } from './RequestForm';

/** What the owner sees once the phone digits matched: documents, history, actions. */
export function OwnerPanel(props: { view: OwnerView; locale: Locale; t: T; onFiled: () => void }) {
  const { view, locale, t } = props;
  const [widgetKey, setWidgetKey] = useState<string | null>(null);
  const [form, setForm] = useState<RequestKind | null>(null);
  useEffect(() => {
    portalSettings()
      .then((s) => setWidgetKey(s.widgetKey))
      .catch(() => setWidgetKey(null));
  }, []);
  const underGuarantee = view.coverage.state === 'gold-guarantee';

  return (
    <>
      <section class="card">
        <h2>{t('actions')}</h2>
        <div class="actions">
          <button
            type="button"
            disabled={!widgetKey}
            onClick={() => widgetKey && openChat(widgetKey, locale)}
          >
            {t('chat')}
          </button>
          <button type="button" onClick={() => setForm('callback')}>
            {t('callback')}
          </button>
          {underGuarantee ? (
            <button type="button" class="primary" onClick={() => setForm('guarantee-claim')}>
              {t('claim')}
            </button>
          ) : (
            <button type="button" onClick={() => setForm('service-request')}>
              {t('serviceRequest')}
            </button>
          )}
        </div>
        {form && (
          <RequestForm
            key={form}
            kind={form}
            token={view.session.token}
            locale={locale}
            t={t}
            onClose={() => setForm(null)}
            onFiled={props.onFiled}
          />
        )}
      </section>
      <section class="card">
        <h2>{t('documents')}</h2>
        {view.documents.length ? (
          <ul class="plain">
            {view.documents.map((d) => (
              <li key={d.url}>
                <a href={d.url} target="_blank" rel="noopener noreferrer">
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t('noDocuments')}</p>
        )}
      </section>
      <section class="card" data-testid="history">
        <h2>{t('history')}</h2>
        {view.tickets.length + view.visits.length === 0 && <p class="hint">{t('noHistory')}</p>}
        <ul class="plain history">
          {view.tickets.map((h) => (
            <li key={h.id}>
              <span dir="ltr">{h.label}</span> · {t(`type.${h.type}` as Key)} ·{' '}
              {h.claimStep ? t(`claim.${h.claimStep}` as Key) : t(`status.${h.status}` as Key)}
              <small>{formatDay(locale, h.createdAt)}</small>
            </li>
          ))}
          {view.visits.map((v) => (
            <li key={v.id}>
              {t('visit')} · {t(`visit.${v.status}` as Key)}
              {v.workDone && ` · ${v.workDone}`}
              <small>{formatDay(locale, v.plannedAt)}</small>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
