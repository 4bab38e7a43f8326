import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import {
  getFeedback,
  updateFeedback,
  type Feedback,
  type FeedbackChanges,
  type ReviewState,
} from '../../api/feedback';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionaries';
import { useSession } from '../../session';

const stateKey = (s: ReviewState) => `feedback.state.${s}` as MessageKey;
const TEXT_FIELDS = ['category', 'rootCause', 'correctiveAction'] as const;

/** Complaint, suggestion or criticism: category, root cause, corrective action, review state. */
export function FeedbackFields({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { csrf } = useSession();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [draft, setDraft] = useState<Record<(typeof TEXT_FIELDS)[number], string>>({
    category: '',
    rootCause: '',
    correctiveAction: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const show = (f: Feedback) => {
    setFeedback(f);
    setDraft({
      category: f.category,
      rootCause: f.rootCause,
      correctiveAction: f.correctiveAction,
    });
  };
  useEffect(() => {
    setFeedback(null);
    getFeedback(ticketId).then(show, setError);
  }, [ticketId]);

  async function save(changes: FeedbackChanges) {
    setBusy(true);
    setError(undefined);
    try {
      show(await updateFeedback(csrf, ticketId, changes));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!feedback)
    return error === undefined ? null : <p class="form-error">{describeError(error, t)}</p>;
  const changed = TEXT_FIELDS.filter((f) => draft[f] !== feedback[f]);
  return (
    <section class="feedback-fields" aria-labelledby="feedback-title">
      <h4 id="feedback-title">
        {t('feedback.review')}: <span class="badge">{t(stateKey(feedback.reviewState))}</span>
      </h4>
      {feedback.nextReviewStates.length > 0 && (
        <div class="actions" role="group" aria-label={t('feedback.review')}>
          {feedback.nextReviewStates.map((s) => (
            <button
              key={s}
              type="button"
              disabled={busy}
              onClick={() => void save({ reviewState: s })}
            >
              {t(stateKey(s))}
            </button>
          ))}
        </div>
      )}
      <form
        class="ticket-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(Object.fromEntries(changed.map((f) => [f, draft[f]])));
        }}
      >
        {TEXT_FIELDS.map((f) => (
          <Fragment key={f}>
            <label for={`feedback-${f}`}>{t(`feedback.${f}`)}</label>
            <input
              id={`feedback-${f}`}
              value={draft[f]}
              onInput={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
            />
          </Fragment>
        ))}
        <button type="submit" disabled={busy || changed.length === 0}>
          {t('feedback.save')}
        </button>
      </form>
      <p class="form-error" role="alert">
        {error === undefined ? '' : describeError(error, t)}
      </p>
    </section>
  );
}
