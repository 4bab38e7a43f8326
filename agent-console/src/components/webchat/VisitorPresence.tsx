import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { useRealtime, useSocketEvents } from '../../realtime/context';

const ACK_TIMEOUT_MS = 5000;

/**
 * Web chat: whether the visitor has the chat open now ("online") or left it. Asked when the
 * ticket opens and after every reconnect (`generation`), then kept by `visitor:presence`.
 */
export function VisitorPresence({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { socket, status, generation } = useRealtime();
  const [online, setOnline] = useState<boolean | null>(null);

  useEffect(() => {
    if (status !== 'connected') return;
    let current = true;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('ticket:visitor-presence', { ticketId })
      .then(
        (answer) => {
          if (current && answer.ok) setOnline(answer.data.online);
        },
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [ticketId, status, generation]);

  useSocketEvents(
    {
      'visitor:presence': (event) => {
        if (event.ticketId === ticketId) setOnline(event.online);
      },
    },
    [ticketId],
  );

  if (online === null) return null;
  return (
    <span class="visitor-presence" data-online={online} role="status">
      {online ? t('webchat.visitorOnline') : t('webchat.visitorLeft')}
    </span>
  );
}
