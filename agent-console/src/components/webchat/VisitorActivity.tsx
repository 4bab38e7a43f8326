import { useEffect, useState } from 'preact/hooks';
import type { TicketDetail } from '../../api/types';
import { useI18n } from '../../i18n/context';
import { useRealtime } from '../../realtime/context';

interface Listener {
  on(
    event: string,
    handler: (payload: { ticketId: string } & Record<string, unknown>) => void,
  ): void;
  off(
    event: string,
    handler: (payload: { ticketId: string } & Record<string, unknown>) => void,
  ): void;
  emit(event: string, payload: unknown): void;
}

/**
 * Web chat only: tells the visitor the expert has read the chat (staff `ticket:read`), and shows
 * whether the visitor has seen the expert's last reply (their typing is VisitorTyping's).
 */
export function VisitorActivity({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const { socket } = useRealtime();
  const [seenUpTo, setSeenUpTo] = useState<string | null>(null);
  const visible = ticket.messages.filter((m) => m.direction !== 'internal');
  const last = visible.at(-1);
  const lastReply = [...visible].reverse().find((m) => m.direction === 'out');
  const webchat = ticket.channel === 'webchat';
  const io = socket as unknown as Listener;

  useEffect(() => {
    if (webchat && last && last.direction === 'in')
      io.emit('ticket:read', { ticketId: ticket.id, messageId: last.id });
  }, [webchat, ticket.id, last?.id]);

  useEffect(() => {
    if (!webchat) return;
    setSeenUpTo(null);
    const onRead = (p: { ticketId: string } & Record<string, unknown>) => {
      if (p.ticketId === ticket.id) setSeenUpTo(String(p.messageId));
    };
    io.on('visitor:read', onRead);
    return () => {
      io.off('visitor:read', onRead);
    };
  }, [webchat, ticket.id, socket]);

  if (!webchat) return null;
  const seen = lastReply && seenUpTo !== null && seenUpTo >= lastReply.id;
  return (
    <p class="visitor-activity" aria-live="polite">
      {seen ? t('webchat.replySeen') : ''}
    </p>
  );
}
