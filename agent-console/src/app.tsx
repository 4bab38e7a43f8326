import { useEffect, useState } from 'preact/hooks';
import { currentSession, type Session } from './api/auth';
import { ConsoleShell } from './components/ConsoleShell';
import { LoginScreen } from './components/LoginScreen';
import { I18nProvider, useI18n } from './i18n/context';

type SessionState =
  | { status: 'checking' }
  | { status: 'signedOut'; error?: unknown }
  | { status: 'signedIn'; session: Session };

function SessionGate() {
  const { t } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  useEffect(() => {
    currentSession().then(
      (session) => setState(session ? { status: 'signedIn', session } : { status: 'signedOut' }),
      (error: unknown) => setState({ status: 'signedOut', error }),
    );
  }, []);

  switch (state.status) {
    case 'checking':
      return (
        <p class="loading" role="status">
          {t('app.loading')}
        </p>
      );
    case 'signedOut':
      return (
        <LoginScreen
          initialError={state.error}
          onSignedIn={(session) => setState({ status: 'signedIn', session })}
        />
      );
    case 'signedIn':
      return (
        <ConsoleShell
          session={state.session}
          onSignedOut={() => setState({ status: 'signedOut' })}
        />
      );
  }
}

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}
