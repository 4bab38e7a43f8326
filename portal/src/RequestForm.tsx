import { useState } from 'preact/hooks';
import { ApiError, fileRequest, uploadPhoto, type RequestKind } from './api';
import type { T } from './app';
import { errorText, type Locale } from './i18n';

const TITLES = {
  'guarantee-claim': 'claim',
  'service-request': 'serviceRequest',
  callback: 'callback',
} as const;
const MAX_PHOTOS = 5;

export function RequestForm(props: {
  kind: RequestKind;
  token: string;
  locale: Locale;
  t: T;
  onClose: () => void;
  onFiled: () => void;
}) {
  const { kind, token, locale, t } = props;
  // One id per form: a retried submit files the request once.
  const [requestId] = useState(() => crypto.randomUUID());
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ label: string; problems: string[] } | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const filed = await fileRequest(token, { kind, description, requestId, locale });
      const problems: string[] = [];
      for (const file of files) {
        try {
          await uploadPhoto(token, filed.ticket, file);
        } catch (err) {
          const reason =
            err instanceof ApiError ? errorText(locale, err.code, err.message) : t('error');
          problems.push(t('photoFailed', { name: file.name, reason }));
        }
      }
      setDone({ label: filed.label, problems });
      props.onFiled();
    } catch (err) {
      setError(err instanceof ApiError ? errorText(locale, err.code, err.message) : t('error'));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <div class="done" role="status" data-testid="request-done">
        <p>{t('submitted', { label: done.label })}</p>
        {done.problems.map((p) => (
          <p class="error" key={p}>
            {p}
          </p>
        ))}
      </div>
    );

  return (
    <form class="request" onSubmit={submit}>
      <h3>{t(TITLES[kind])}</h3>
      <label>
        {kind === 'callback' ? t('callbackNote') : t('description')}
        <textarea
          name="description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
          required
          minLength={5}
          maxLength={4000}
          rows={4}
        />
      </label>
      {kind !== 'callback' && (
        <label>
          {t('photos')}
          <input
            type="file"
            name="photos"
            accept="image/*,application/pdf"
            multiple
            onChange={(e) => setFiles([...(e.currentTarget.files ?? [])].slice(0, MAX_PHOTOS))}
          />
        </label>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
        <button type="button" onClick={props.onClose} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
