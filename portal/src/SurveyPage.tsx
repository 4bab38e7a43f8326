import { useEffect, useState } from 'preact/hooks';
import { ApiError, answerSurvey, getSurvey, type SurveyQuestion } from './api';
import type { T } from './app';
import { errorText, type Locale } from './i18n';

type Answers = Record<string, string | number>;

export function SurveyPage({ token, locale, t }: { token: string; locale: Locale; t: T }) {
  const [questions, setQuestions] = useState<SurveyQuestion[] | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getSurvey(token)
      .then((s) => setQuestions(s.questions))
      .catch((err) =>
        setError(err instanceof ApiError ? errorText(locale, err.code, err.message) : t('error')),
      );
  }, [token]);

  async function submit(e: Event) {
    e.preventDefault();
    const missing = questions?.find((q) => q.required && answers[q.id] === undefined);
    if (missing) return setError(`${missing.text[locale]} — ${t('required')}`);
    setBusy(true);
    setError(null);
    try {
      await answerSurvey(token, answers);
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? errorText(locale, err.code, err.message) : t('error'));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <p class="card" role="status">
        {t('surveyThanks')}
      </p>
    );
  if (!questions)
    return error ? (
      <p class="card error" role="alert">
        {error}
      </p>
    ) : null;
  const set = (id: string, value: string | number) => setAnswers({ ...answers, [id]: value });
  return (
    <form class="card survey" onSubmit={submit}>
      {questions.map((q) => (
        <fieldset key={q.id}>
          <legend>{q.text[locale]}</legend>
          {(q.kind === 'rating' || q.kind === 'nps') && (
            <div class="scale">
              {range(q.kind === 'rating' ? 1 : 0, q.kind === 'rating' ? 5 : 10).map((n) => (
                <label key={n} class={answers[q.id] === n ? 'chosen' : ''}>
                  <input type="radio" name={q.id} value={n} onChange={() => set(q.id, n)} />
                  {n.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en')}
                </label>
              ))}
            </div>
          )}
          {q.kind === 'choice' &&
            q.options?.map((o) => (
              <label key={o.value} class="choice">
                <input
                  type="radio"
                  name={q.id}
                  value={o.value}
                  onChange={() => set(q.id, o.value)}
                />
                {o.label[locale]}
              </label>
            ))}
          {q.kind === 'text' && (
            <textarea
              name={q.id}
              rows={3}
              maxLength={2000}
              onInput={(e) => set(q.id, e.currentTarget.value)}
            />
          )}
        </fieldset>
      ))}
      <button type="submit" class="primary" disabled={busy}>
        {t('surveySend')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
