import { useState } from 'preact/hooks';
import { login, type Session } from '../api/auth';
import { describeError } from '../api/error-message';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/context';
import type { Translate } from '../i18n/translate';
import { LanguageSwitch } from './LanguageSwitch';

function loginErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 401) return t('error.invalidCredentials');
  return describeError(error, t);
}

interface LoginScreenProps {
  onSignedIn: (session: Session) => void;
  initialError?: unknown;
}

export function LoginScreen({ onSignedIn, initialError }: LoginScreenProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(initialError);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      onSignedIn(await login(email.trim(), password));
    } catch (failure) {
      setError(failure);
      setSubmitting(false);
    }
  }

  const wrongCredentials = error instanceof ApiError && error.status === 401;

  return (
    <main class="login">
      <div class="login-toolbar">
        <LanguageSwitch />
      </div>
      <form class="login-card" onSubmit={submit} aria-busy={submitting}>
        <p class="brand">{t('app.brand')}</p>
        <h1>{t('login.heading')}</h1>
        <label for="login-email">{t('login.email')}</label>
        <input
          id="login-email"
          type="email"
          dir="ltr"
          autocomplete="username"
          required
          value={email}
          aria-invalid={wrongCredentials}
          aria-describedby="login-error"
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          type="password"
          dir="ltr"
          autocomplete="current-password"
          required
          value={password}
          aria-invalid={wrongCredentials}
          aria-describedby="login-error"
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <p id="login-error" class="form-error" role="alert">
          {error === undefined ? '' : loginErrorMessage(error, t)}
        </p>
        <button type="submit" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
