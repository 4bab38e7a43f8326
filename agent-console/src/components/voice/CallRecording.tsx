import type { MessageView } from '@cc/shared';
import { useI18n } from '../../i18n/context';

/** A voicemail's recording, played from the attachment route (session cookie, visibility checked). */
export function CallRecording({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const audio = message.attachments.filter(
    (a) => a.fileId && !a.dropped && a.contentType.startsWith('audio/'),
  );
  if (message.channel !== 'voice' || !audio.length) return null;
  return (
    <>
      {audio.map((a) => (
        <audio
          key={a.fileId}
          class="call-recording"
          controls
          preload="none"
          src={`/api/attachments/${a.fileId}`}
          aria-label={t('voice.recording')}
        />
      ))}
    </>
  );
}
