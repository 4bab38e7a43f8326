import { useEffect, useState } from 'preact/hooks';
import { logout, type Session } from '../api/auth';
import { describeError } from '../api/error-message';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/context';
import { formatDate, formatList } from '../i18n/format';
import { LanguageSwitch } from './LanguageSwitch';

const CLOCK_TICK_MS = 60_000;

/** Re-renders each minute so a console left open overnight shows the new day. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface ConsoleShellProps {
  session: Session;
  onSignedOut: () => void;
}

export function ConsoleShell({ session, onSignedOut }: ConsoleShellProps) {
  const { locale, t } = useI18n();
  const now = useNow();
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<unknown>();
  const { user } = session;

  async function signOut() {
    setSigningOut(true);
    setError(undefined);
    try {
      await logout(session.csrfToken);
      onSignedOut();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) {
        onSignedOut();
        return;
      }
      setError(failure);
      setSigningOut(false);
    }
  }

  return (
    <>
      <header class="shell-header">
        <p class="brand">{t('app.brand')}</p>
        <p class="today">{formatDate(now, locale)}</p>
        <div class="user">
          <span class="user-name">{user.displayName}</span>
          <span class="user-roles">
            {formatList(
              user.roles.map((role) => t(`role.${role}`)),
              locale,
            )}
          </span>
        </div>
        <LanguageSwitch />
        <button type="button" onClick={signOut} disabled={signingOut}>
          {t('shell.signOut')}
        </button>
      </header>
      <p class="form-error shell-error" role="alert">
        {error === undefined ? '' : describeError(error, t)}
      </p>
      <main class="shell-main">
        <h1>{t('shell.welcome', { name: user.displayName })}</h1>
      </main>
    </>
  );
}
