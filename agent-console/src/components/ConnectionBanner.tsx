import { useI18n } from '../i18n/context';
import { useRealtime } from '../realtime/context';

export function ConnectionBanner() {
  const { t } = useI18n();
  const { status } = useRealtime();
  return (
    <p class="connection-banner" role="status" hidden={status !== 'reconnecting'}>
      {status === 'reconnecting' ? t('connection.reconnecting') : ''}
    </p>
  );
}
