import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { describeError } from './api/error-message';
import { useI18n } from './i18n/context';
import type { MessageKey } from './i18n/dictionaries';
import type { MessageParams } from './i18n/translate';

export interface Notices {
  /** Announced politely (aria-live) and shown for a few seconds. */
  info: (key: MessageKey, params?: MessageParams) => void;
  /** An API failure as a readable sentence, shown until dismissed or replaced. */
  error: (error: unknown) => void;
}

/** Kept untranslated, so a notice follows a language switch. */
type Notice =
  { kind: 'info'; key: MessageKey; params?: MessageParams } | { kind: 'error'; error: unknown };

const NoticesContext = createContext<Notices | null>(null);
const INFO_MS = 6000;

export function NoticesProvider({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => setNotice(null), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const info = useCallback(
    (key: MessageKey, params?: MessageParams) => setNotice({ kind: 'info', key, params }),
    [],
  );
  const error = useCallback((failure: unknown) => setNotice({ kind: 'error', error: failure }), []);
  const value = useMemo(() => ({ info, error }), [info, error]);

  return (
    <NoticesContext.Provider value={value}>
      {children}
      <div class="notices">
        <p class="notice" role="status" aria-live="polite">
          {notice?.kind === 'info' ? t(notice.key, notice.params) : ''}
        </p>
        <p class="notice notice-error" role="alert">
          {notice?.kind === 'error' && (
            <>
              {describeError(notice.error, t)}
              <button type="button" class="link-button" onClick={() => setNotice(null)}>
                {t('action.dismiss')}
              </button>
            </>
          )}
        </p>
      </div>
    </NoticesContext.Provider>
  );
}

export function useNotices(): Notices {
  const notices = useContext(NoticesContext);
  if (!notices) throw new Error('useNotices must be used inside <NoticesProvider>');
  return notices;
}
