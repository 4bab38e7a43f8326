import { useState } from 'preact/hooks';
import { logout, type Session } from '../api/auth';
import { ApiError } from '../api/http';
import { DirectoryProvider } from '../directory';
import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/context';
import { formatDate, formatList } from '../i18n/format';
import { NoticesProvider, useNotices } from '../notices';
import { RealtimeProvider } from '../realtime/context';
import { SessionProvider, useSession } from '../session';
import { AlertsSwitch } from './AlertsSwitch';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceSwitch } from './PresenceSwitch';
import { Workspace } from './Workspace';

/** Re-renders each minute so a console left open overnight shows the new day. */
const CLOCK_TICK_MS = 60_000;

function Header({ onSignedOut, onHelp }: { onSignedOut: () => void; onHelp: () => void }) {
  const { locale, t } = useI18n();
  const { user, csrf } = useSession();
  const notices = useNotices();
  const now = useNow(CLOCK_TICK_MS);
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await logout(csrf);
      onSignedOut();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return onSignedOut();
      notices.error(failure);
      setSigningOut(false);
    }
  }

  return (
    <header class="shell-header">
      <p class="brand">{t('app.brand')}</p>
      <p class="today">{formatDate(now, locale)}</p>
      <PresenceSwitch />
      <AlertsSwitch />
      <button
        type="button"
        class="secondary icon-button"
        onClick={onHelp}
        aria-label={t('shortcuts.title')}
      >
        ?
      </button>
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
      <button type="button" class="secondary" onClick={() => void signOut()} disabled={signingOut}>
        {t('shell.signOut')}
      </button>
    </header>
  );
}

interface ConsoleShellProps {
  session: Session;
  onSignedOut: () => void;
}

export function ConsoleShell({ session, onSignedOut }: ConsoleShellProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <SessionProvider session={session}>
      <NoticesProvider>
        <RealtimeProvider onUnauthorized={onSignedOut}>
          <DirectoryProvider>
            <div class="shell">
              <Header onSignedOut={onSignedOut} onHelp={() => setHelpOpen(true)} />
              <ConnectionBanner />
              <main class="shell-main">
                <Workspace helpOpen={helpOpen} onHelpChange={setHelpOpen} />
              </main>
            </div>
          </DirectoryProvider>
        </RealtimeProvider>
      </NoticesProvider>
    </SessionProvider>
  );
}
