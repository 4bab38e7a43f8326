import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { useSocketEvents } from '../realtime/context';

/** A stop that never came (the visitor's tab closed) ends the indicator after this long. */
const FORGET_AFTER_MS = 8000;

/** "… is typing" while the ticket's web-chat visitor types (staff event `visitor:typing`). */
export function VisitorTyping({ ticketId, name }: { ticketId: string; name: string }) {
  const { t } = useI18n();
  const [typing, setTyping] = useState(false);
  const forget = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(forget.current), []);

  useSocketEvents(
    {
      'visitor:typing': (event) => {
        if (event.ticketId !== ticketId) return;
        clearTimeout(forget.current);
        setTyping(event.typing);
        if (event.typing) forget.current = setTimeout(() => setTyping(false), FORGET_AFTER_MS);
      },
    },
    [ticketId],
  );

  return (
    <p class="visitor-typing" aria-live="polite">
      {typing && (
        <bdi>{t('conversation.visitorTyping', { name: name || t('contact.unnamed') })}</bdi>
      )}
    </p>
  );
}
