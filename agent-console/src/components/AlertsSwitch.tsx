import { useState } from 'preact/hooks';
import { alertsWanted, disableAlerts, enableAlerts } from '../alerts';
import { useI18n } from '../i18n/context';
import { useNotices } from '../notices';

/** Sound and browser notifications for new assignments, off until the user turns them on. */
export function AlertsSwitch() {
  const { t } = useI18n();
  const notices = useNotices();
  const [on, setOn] = useState(alertsWanted);

  async function toggle() {
    if (on) {
      disableAlerts();
      setOn(false);
      return;
    }
    const permission = await enableAlerts();
    setOn(true);
    if (permission === 'denied' || permission === 'unsupported') notices.info('alerts.soundOnly');
  }

  return (
    <button type="button" class="secondary" aria-pressed={on} onClick={() => void toggle()}>
      {on ? t('alerts.on') : t('alerts.off')}
    </button>
  );
}
