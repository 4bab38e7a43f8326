import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { Session, SessionUser } from './api/auth';
import type { Viewer } from './state/views';

export interface ConsoleSession {
  user: SessionUser;
  csrf: string;
  viewer: Viewer;
  isManager: boolean;
}

const SessionContext = createContext<ConsoleSession | null>(null);

export function SessionProvider({
  session,
  children,
}: {
  session: Session;
  children: ComponentChildren;
}) {
  const value = useMemo<ConsoleSession>(() => {
    const { user } = session;
    const isManager = user.roles.includes('admin') || user.roles.includes('supervisor');
    return {
      user,
      csrf: session.csrfToken,
      isManager,
      viewer: { id: user.id, groups: user.groups, manager: isManager },
    };
  }, [session]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
