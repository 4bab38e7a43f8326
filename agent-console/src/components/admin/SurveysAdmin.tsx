import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import {
  campaignResults,
  createCampaign,
  listCampaigns,
  type Campaign,
  type CampaignQuestion,
  type CampaignResults,
} from '../../api/surveys';
import { useI18n } from '../../i18n/context';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useSession } from '../../session';
import { useAdminForm, useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, ChoiceField, Field, FormFooter } from './AdminParts';

type Kind = CampaignQuestion['kind'];
const KINDS: Kind[] = ['rating', 'nps', 'choice', 'text'];

interface QuestionDraft {
  kind: Kind;
  fa: string;
  en: string;
  /** Choice questions: one option a line, "Persian | English". */
  options: string;
}

interface Form {
  name: string;
  segment: '' | 'potential' | 'actual';
  productCode: string;
  province: string;
  city: string;
  channel: 'sms' | 'email';
  scheduledAt: string;
  questions: QuestionDraft[];
}

/** Now, as a datetime-local value in the browser's time. */
function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

const empty = (): Form => ({
  name: '',
  segment: 'actual',
  productCode: '',
  province: '',
  city: '',
  channel: 'sms',
  scheduledAt: nowLocal(),
  questions: [
    {
      kind: 'rating',
      fa: 'از خدمات ما چقدر راضی هستید؟',
      en: 'How satisfied are you with our service?',
      options: '',
    },
    {
      kind: 'nps',
      fa: 'چقدر احتمال دارد ما را به دیگران پیشنهاد کنید؟',
      en: 'How likely are you to recommend us?',
      options: '',
    },
  ],
});

function toQuestions(drafts: QuestionDraft[]): CampaignQuestion[] | null {
  const questions: CampaignQuestion[] = [];
  for (const [i, q] of drafts.entries()) {
    const text = { fa: q.fa.trim(), en: q.en.trim() };
    if (!text.fa || !text.en) return null;
    const id = `q${i + 1}`;
    if (q.kind !== 'choice') {
      questions.push({ id, kind: q.kind, text });
      continue;
    }
    const options = q.options
      .split('\n')
      .map((line) => line.split('|').map((part) => part.trim()))
      .filter(([fa]) => fa)
      .map(([fa, en], n) => ({ value: `o${n + 1}`, label: { fa: fa!, en: en || fa! } }));
    if (options.length < 2) return null;
    questions.push({ id, kind: 'choice', text, options });
  }
  return questions;
}

/**
 * Periodic satisfaction campaigns (seed 26): a segment of customers, a few questions in both
 * languages, SMS or email at a set time, then the results per question for management.
 */
export function SurveysAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { items, loadError, reload } = useAdminList(listCampaigns);
  const { form, setForm, set, error, setError, busy, save } = useAdminForm<Campaign, Form>(
    empty,
    empty,
  );
  const [shown, setShown] = useState<string | null>(null);

  const setQuestion = (i: number, patch: Partial<QuestionDraft>) =>
    setForm((f) => ({
      ...f,
      questions: f.questions.map((q, n) => (n === i ? { ...q, ...patch } : q)),
    }));

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (form.name.trim().length < 2) return setError(t('surveys.error.name'));
    if (!form.questions.length) return setError(t('surveys.error.noQuestion'));
    const questions = toQuestions(form.questions);
    if (!questions) return setError(t('surveys.error.question'));
    if (!form.scheduledAt) return setError(t('surveys.error.when'));
    const segment = {
      ...(form.segment ? { segment: form.segment } : {}),
      ...(form.productCode.trim() ? { productCode: form.productCode.trim() } : {}),
      ...(form.province.trim() ? { province: form.province.trim() } : {}),
      ...(form.city.trim() ? { city: form.city.trim() } : {}),
    };
    void save(
      () =>
        createCampaign(csrf, {
          name: form.name.trim(),
          segment,
          questions,
          channel: form.channel,
          scheduledAt: new Date(form.scheduledAt).toISOString(),
        }),
      reload,
    );
  }

  return (
    <section class="admin-section" aria-labelledby="admin-surveys-title">
      <h2 id="admin-surveys-title">{t('surveys.title')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="survey-form-title">
        <h3 id="survey-form-title">{t('surveys.new')}</h3>
        <Field
          id="survey-name"
          label={t('surveys.name')}
          dir="auto"
          value={form.name}
          onValue={(v) => set('name', v)}
        />
        <fieldset>
          <legend>{t('surveys.segment')}</legend>
          <ChoiceField
            id="survey-segment"
            label={t('contact.segment')}
            value={form.segment}
            onValue={(v) => set('segment', v)}
            any={t('feedback.any')}
            options={[
              { value: 'actual', label: t('segment.actual') },
              { value: 'potential', label: t('segment.potential') },
            ]}
          />
          <Field
            id="survey-product"
            label={t('surveys.productCode')}
            dir="ltr"
            value={form.productCode}
            onValue={(v) => set('productCode', v)}
          />
          <Field
            id="survey-province"
            label={t('contact.province')}
            dir="auto"
            value={form.province}
            onValue={(v) => set('province', v)}
          />
          <Field
            id="survey-city"
            label={t('contact.city')}
            dir="auto"
            value={form.city}
            onValue={(v) => set('city', v)}
          />
        </fieldset>
        <ChoiceField
          id="survey-channel"
          label={t('surveys.channel')}
          value={form.channel}
          onValue={(v) => set('channel', v)}
          options={[
            { value: 'sms', label: t('channel.sms') },
            { value: 'email', label: t('channel.email') },
          ]}
        />
        <label for="survey-when">{t('surveys.when')}</label>
        <input
          id="survey-when"
          type="datetime-local"
          value={form.scheduledAt}
          onChange={(e) => set('scheduledAt', e.currentTarget.value)}
        />
        {form.questions.map((q, i) => (
          <fieldset key={i} class="survey-question" data-question={i + 1}>
            <legend>{t('surveys.question', { n: i + 1 })}</legend>
            <label for={`survey-q${i}-kind`}>{t('surveys.kind')}</label>
            <select
              id={`survey-q${i}-kind`}
              value={q.kind}
              onChange={(e) => setQuestion(i, { kind: e.currentTarget.value as Kind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`surveys.kind.${k}`)}
                </option>
              ))}
            </select>
            <Field
              id={`survey-q${i}-fa`}
              label={t('surveys.textFa')}
              dir="rtl"
              value={q.fa}
              onValue={(fa) => setQuestion(i, { fa })}
            />
            <Field
              id={`survey-q${i}-en`}
              label={t('surveys.textEn')}
              dir="ltr"
              value={q.en}
              onValue={(en) => setQuestion(i, { en })}
            />
            {q.kind === 'choice' && (
              <>
                <label for={`survey-q${i}-options`}>{t('surveys.options')}</label>
                <textarea
                  id={`survey-q${i}-options`}
                  rows={3}
                  dir="auto"
                  placeholder="نمایندگی | Dealer"
                  value={q.options}
                  onInput={(e) => setQuestion(i, { options: e.currentTarget.value })}
                />
              </>
            )}
            <button
              type="button"
              class="secondary"
              onClick={() =>
                setForm((f) => ({ ...f, questions: f.questions.filter((_, n) => n !== i) }))
              }
            >
              {t('surveys.removeQuestion')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          class="secondary"
          onClick={() =>
            setForm((f) => ({
              ...f,
              questions: [...f.questions, { kind: 'rating', fa: '', en: '', options: '' }],
            }))
          }
        >
          {t('surveys.addQuestion')}
        </button>
        <FormFooter error={error} busy={busy} submitLabel={t('surveys.schedule')} />
      </form>

      <AdminLoadError error={loadError} />
      {items && items.length === 0 && <p class="empty">{t('surveys.none')}</p>}
      {items && items.length > 0 && (
        <AdminTable
          columns={[
            'surveys.name',
            'surveys.channel',
            'surveys.when',
            'admin.state',
            'surveys.sent',
          ]}
        >
          {items.map((c) => (
            <tr key={c.id} data-campaign={c.name}>
              <td>
                <bdi>{c.name}</bdi>
              </td>
              <td>{t(`channel.${c.channel}`)}</td>
              <td>{formatDateTime(new Date(c.scheduledAt), locale)}</td>
              <td>{t(`surveys.status.${c.status}`)}</td>
              <td>{t('surveys.progress', { sent: c.sent, targeted: c.targeted })}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={shown === c.id}
                  onClick={() => setShown(shown === c.id ? null : c.id)}
                >
                  {t('surveys.results')}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {shown && items?.some((c) => c.id === shown) && (
        <CampaignResultsPanel key={shown} campaign={items.find((c) => c.id === shown)!} />
      )}
    </section>
  );
}

/** A choice answer's label in the reader's language; null for a number (rating, 0-10). */
function valueLabel(
  campaign: Campaign,
  questionId: string,
  value: string,
  locale: 'fa' | 'en',
): string | null {
  const question = campaign.questions.find((q) => q.id === questionId);
  if (question?.kind !== 'choice') return /^\d+$/.test(value) ? null : value;
  const option = question.options.find((o) => o.value === value);
  return option ? option.label[locale] : value;
}

function CampaignResultsPanel({ campaign }: { campaign: Campaign }) {
  const campaignId = campaign.id;
  const { locale, t } = useI18n();
  const [results, setResults] = useState<CampaignResults | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    campaignResults(campaignId).then(setResults, (failure: unknown) => setError(failure));
  }, [campaignId]);

  if (error !== undefined)
    return (
      <p class="form-error" role="alert">
        {describeError(error, t)}
      </p>
    );
  if (!results) return <p class="empty">{t('app.loading')}</p>;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section class="campaign-results" aria-labelledby="campaign-results-title">
      <h3 id="campaign-results-title">
        {t('surveys.answered', { answered: results.answered, sent: results.sent })}
      </h3>
      {results.questions.map((q) => (
        <div key={q.id} class="question-result" data-question={q.id}>
          <p class="question-text">
            <bdi>{q.text[locale]}</bdi>
          </p>
          <p class="hint">
            {t('surveys.answers', { count: q.answers })}
            {q.average != null && ` · ${t('surveys.average', { average: q.average })}`}
            {q.nps != null && ` · ${t('surveys.nps', { nps: q.nps })}`}
          </p>
          {q.distribution && Object.keys(q.distribution).length > 0 && (
            <ul class="distribution">
              {Object.entries(q.distribution).map(([value, count]) => (
                <li key={value}>
                  <span class="distribution-value">
                    <bdi>{valueLabel(campaign, q.id, value, locale) ?? n(Number(value))}</bdi>
                  </span>
                  <span
                    class="distribution-bar"
                    style={{ inlineSize: `${(count / Math.max(1, q.answers)) * 100}%` }}
                  />
                  <span>{n(count)}</span>
                </li>
              ))}
            </ul>
          )}
          {q.latest && q.latest.length > 0 && (
            <ul class="compact-list">
              {q.latest.map((answer, i) => (
                <li key={i}>
                  <bdi>{answer}</bdi>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
