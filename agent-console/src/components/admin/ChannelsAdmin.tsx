import { useEffect, useState } from 'preact/hooks';
import { getChannelSettings, type PhoneChannel } from '../../api/voice';
import { useI18n } from '../../i18n/context';
import { formatRoute } from '../../state/route';
import { AdminLoadError } from './AdminParts';

/** SMS and voice: on or off (and why), and the group each support number leads to. */
export function ChannelsAdmin() {
  const { t } = useI18n();
  const [channels, setChannels] = useState<{ sms: PhoneChannel; voice: PhoneChannel } | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  useEffect(() => {
    getChannelSettings().then(setChannels, (failure: unknown) => setLoadError(failure));
  }, []);
  return (
    <section aria-label={t('admin.section.channels')}>
      <AdminLoadError error={loadError} />
      {channels && (
        <>
          <ChannelBlock title={t('channels.sms')} channel={channels.sms} />
          <ChannelBlock title={t('channels.voice')} channel={channels.voice} />
          <p class="hint">
            {t('channels.rulesHint')}{' '}
            <a href={formatRoute({ screen: 'admin', section: 'rules' })}>
              {t('admin.section.rules')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function ChannelBlock({ title, channel }: { title: string; channel: PhoneChannel }) {
  const { locale, t } = useI18n();
  return (
    <section class="channel-settings" data-enabled={channel.enabled}>
      <h3>
        {title}: {channel.enabled ? t('channels.on') : t('channels.off')}
      </h3>
      {!channel.enabled && channel.reason && (
        <p class="hint">
          {t('channels.offBecause')} <bdi dir="ltr">{channel.reason}</bdi>
        </p>
      )}
      {channel.numbers.length > 0 && (
        <table class="board-table admin-table">
          <thead>
            <tr>
              <th scope="col">{t('channels.number')}</th>
              <th scope="col">{t('channels.group')}</th>
            </tr>
          </thead>
          <tbody>
            {channel.numbers.map((n) => (
              <tr key={n.number}>
                <td>
                  <bdi dir="ltr">{n.number}</bdi>
                </td>
                <td>{n.group ? n.group.name[locale] : t('channels.noGroup')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
