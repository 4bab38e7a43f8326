import type { Presence } from '@cc/shared';
import { useEffect, useState } from 'preact/hooks';
import { currentSession } from '../api/auth';
import { setMyPresence } from '../api/staff';
import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { useNotices } from '../notices';
import { useRealtime, useSocketEvents } from '../realtime/context';
import { setPresenceOverSocket } from '../realtime/socket';
import { useSession } from '../session';

const PRESENCES: Presence[] = ['online', 'away', 'offline'];

export function PresenceSwitch() {
  const { t } = useI18n();
  const { user, csrf } = useSession();
  const { socket, status, generation } = useRealtime();
  const notices = useNotices();
  const [presence, setPresence] = useState<Presence>(user.presence);
  const [saving, setSaving] = useState(false);

  // A supervisor, or the server after a long disconnection, may have changed it meanwhile.
  useEffect(() => {
    if (generation > 1)
      currentSession().then(
        (session) => session && setPresence(session.user.presence),
        () => {},
      );
  }, [generation]);

  useSocketEvents(
    {
      'presence:changed': (change) => {
        if (change.user === user.id) setPresence(change.presence);
      },
    },
    [user.id],
  );

  async function choose(next: Presence) {
    const previous = presence;
    setPresence(next);
    setSaving(true);
    try {
      if (status === 'connected') {
        await setPresenceOverSocket(socket, next).catch(() => setMyPresence(csrf, next));
      } else {
        await setMyPresence(csrf, next);
      }
    } catch (error) {
      setPresence(previous);
      notices.error(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <label class="presence-switch">
      <span class={`presence-dot presence-${presence}`} aria-hidden="true" />
      <span class="sr-only">{t('presence.label')}</span>
      <select
        value={presence}
        disabled={saving}
        onChange={(event) => void choose(event.currentTarget.value as Presence)}
      >
        {PRESENCES.map((p) => (
          <option key={p} value={p}>
            {label(t, 'presence', p)}
          </option>
        ))}
      </select>
    </label>
  );
}
