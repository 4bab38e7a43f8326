import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import type { TicketDetail } from '../../api/types';
import { callBack, getCallback, type CallbackView } from '../../api/voice';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionaries';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useNotices } from '../../notices';
import { useSession } from '../../session';

const POLL_MS = 5000;

/** A callback ticket: number, window, status, every attempt, and the "Call back" button. */
export function CallbackCard({ ticket }: { ticket: TicketDetail }) {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { userName } = useDirectory();
  const notices = useNotices();
  const [callback, setCallback] = useState<CallbackView | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      getCallback(ticket.id).then(
        (cb) => live && setCallback(cb),
        (failure: unknown) => live && setError(failure),
      );
    void load();
    // While a call is in progress its outcome arrives from Twilio; refresh until it settles.
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [ticket.id]);

  if (!callback)
    return error === undefined ? null : <p class="form-error">{describeError(error, t)}</p>;

  async function call() {
    setBusy(true);
    setError(undefined);
    try {
      setCallback(await callBack(csrf, ticket.id));
      notices.info('voice.ringingYou');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso), locale) : '—');
  const canCall = callback.status === 'waiting' || callback.status === 'failed';
  return (
    <section class="callback-card" aria-label={t('voice.callback')}>
      <h3>{t('voice.callback')}</h3>
      <p>
        <bdi dir="ltr">{callback.phone}</bdi> · {t(`voice.status.${callback.status}` as MessageKey)}
      </p>
      {(callback.windowStart || callback.windowEnd) && (
        <p class="hint">
          {t('voice.window', { from: when(callback.windowStart), to: when(callback.windowEnd) })}
        </p>
      )}
      {callback.nextAttemptAt && callback.status === 'waiting' && callback.attempts.length > 0 && (
        <p class="hint">{t('voice.nextAttempt', { at: when(callback.nextAttemptAt) })}</p>
      )}
      {callback.attempts.length > 0 && (
        <ol class="call-attempts">
          {callback.attempts.map((a, i) => (
            <li key={i} data-outcome={a.outcome ?? ''}>
              <time dateTime={a.at ?? ''}>{when(a.at)}</time> · {userName(a.expertId) ?? ''} ·{' '}
              {outcomeLabel(t, a.outcome)}
              {a.durationSec
                ? ` · ${t('voice.seconds', { n: formatNumber(a.durationSec, locale) })}`
                : ''}
            </li>
          ))}
        </ol>
      )}
      {canCall && (
        <button type="button" disabled={busy} onClick={() => void call()}>
          {t('voice.callBack')}
        </button>
      )}
      <p class="form-error" role="alert">
        {error === undefined ? '' : describeError(error, t)}
      </p>
    </section>
  );
}

function outcomeLabel(t: (key: MessageKey) => string, outcome: string | null): string {
  if (!outcome) return '';
  const expertLeg = outcome.startsWith('expert-');
  const base = expertLeg ? outcome.slice('expert-'.length) : outcome;
  const known = ['calling', 'completed', 'no-answer', 'busy', 'failed', 'canceled'];
  const text = known.includes(base) ? t(`voice.outcome.${base}` as MessageKey) : base;
  return expertLeg ? `${t('voice.expertLeg')}: ${text}` : text;
}
