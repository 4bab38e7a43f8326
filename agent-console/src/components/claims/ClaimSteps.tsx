import { useEffect, useState } from 'preact/hooks';
import {
  advanceClaim,
  getClaim,
  type Claim,
  type ClaimStep,
  type ClaimStepInput,
} from '../../api/claims';
import { describeError } from '../../api/error-message';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionaries';
import { formatDateTime, formatDay } from '../../i18n/format';
import { useSession } from '../../session';

const stepKey = (step: ClaimStep) => `claim.step.${step}` as MessageKey;
const actionKey = (step: ClaimStep) => `claim.do.${step}` as MessageKey;

/** Steps that need more than a click: what the expert must fill in. */
const NEEDS: Partial<Record<ClaimStep, 'reason' | 'trackingNumber' | 'replacementSerial'>> = {
  rejected: 'reason',
  'sent-to-factory': 'trackingNumber',
  replaced: 'replacementSerial',
};

/** The guarantee-claim workflow of a claim ticket (seed 28), shown in the ticket panel. */
export function ClaimSteps({ ticketId }: { ticketId: string }) {
  const { t, locale } = useI18n();
  const { csrf } = useSession();
  const [claim, setClaim] = useState<Claim | null>(null);
  const [chosen, setChosen] = useState<ClaimStep | null>(null);
  const [value, setValue] = useState('');
  const [sentAt, setSentAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setClaim(null);
    getClaim(ticketId).then(setClaim, setError);
  }, [ticketId]);

  async function move(to: ClaimStep) {
    const field = NEEDS[to];
    if (field && chosen !== to) {
      setChosen(to);
      setValue('');
      return;
    }
    const input: ClaimStepInput = { to };
    if (field) input[field] = value.trim();
    if (to === 'sent-to-factory' && sentAt) input.sentAt = sentAt;
    setBusy(true);
    setError(undefined);
    try {
      setClaim(await advanceClaim(csrf, ticketId, input));
      setChosen(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!claim)
    return error === undefined ? null : <p class="form-error">{describeError(error, t)}</p>;
  const field = chosen ? NEEDS[chosen] : undefined;
  return (
    <section class="claim-steps" aria-labelledby="claim-steps-title">
      <h4 id="claim-steps-title">
        {t('claim.title')}: <span class="badge">{t(stepKey(claim.step))}</span>
      </h4>
      {claim.trackingNumber && (
        <p>
          {t('claim.tracking')}: <bdi>{claim.trackingNumber}</bdi>
          {claim.sentAt && ` · ${formatDay(claim.sentAt, locale)}`}
        </p>
      )}
      {claim.replacementSerial && (
        <p>
          {t('claim.replacementSerial')}: <bdi>{claim.replacementSerial}</bdi>
        </p>
      )}
      {claim.rejectionReason && (
        <p>
          {t('claim.reason')}: {claim.rejectionReason}
        </p>
      )}
      {claim.next.length > 0 && (
        <div class="actions" role="group" aria-label={t('claim.nextSteps')}>
          {claim.next.map((step) => (
            <button
              key={step}
              type="button"
              class={step === 'rejected' ? 'secondary' : undefined}
              disabled={busy}
              aria-pressed={chosen === step}
              onClick={() => void move(step)}
            >
              {t(actionKey(step))}
            </button>
          ))}
        </div>
      )}
      {chosen && field && (
        <form
          class="ticket-form"
          onSubmit={(e) => {
            e.preventDefault();
            void move(chosen);
          }}
        >
          <label for="claim-field">{t(`claim.${field}` as MessageKey)}</label>
          <input
            id="claim-field"
            required
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          {chosen === 'sent-to-factory' && (
            <>
              <label for="claim-sent-at">{t('claim.sentAt')}</label>
              <input
                id="claim-sent-at"
                type="date"
                value={sentAt}
                onInput={(e) => setSentAt(e.currentTarget.value)}
              />
            </>
          )}
          <button type="submit" disabled={busy}>
            {t(actionKey(chosen))}
          </button>
        </form>
      )}
      <p class="form-error" role="alert">
        {error === undefined ? '' : describeError(error, t)}
      </p>
      <ol class="claim-history">
        {claim.history.map((h) => (
          <li key={h.at + h.step}>
            {t(stepKey(h.step))} · {formatDateTime(new Date(h.at), locale)}
            {h.note && ` · ${h.note}`}
          </li>
        ))}
      </ol>
    </section>
  );
}
