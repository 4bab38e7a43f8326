import { useMemo } from 'preact/hooks';
import { describeError } from '../api/error-message';
import type { TicketDetail } from '../api/types';
import { useDirectory } from '../directory';
import { useI18n } from '../i18n/context';
import { formatDuration } from '../i18n/format';
import { label } from '../i18n/labels';
import type { TicketDetailState } from '../hooks/useTicketDetail';
import { useSession } from '../session';
import type { Mentionable } from '../state/mentions';
import { Composer, type ComposerMode } from './Composer';
import { Timeline } from './Timeline';
import { VisitorTyping } from './VisitorTyping';
import { VisitorActivity } from './webchat/VisitorActivity';
import { VisitorPresence } from './webchat/VisitorPresence';

/** Staff who can be @mentioned on a ticket: its group's members from the directory, plus anyone who wrote on it. */
function useMentionable(ticket: TicketDetail | null): Mentionable[] {
  const { users } = useDirectory();
  const { user } = useSession();
  return useMemo(() => {
    if (!ticket) return [];
    const people = new Map<string, string>();
    for (const u of users ?? []) {
      if (u.id !== user.id && (!ticket.group || u.groups.includes(ticket.group)))
        people.set(u.id, u.displayName);
    }
    for (const m of ticket.messages) {
      if (m.authorKind === 'expert' && m.author && m.author !== user.id)
        people.set(m.author, m.authorName);
    }
    return [...people].map(([id, displayName]) => ({ id, displayName }));
  }, [ticket, users, user.id]);
}

interface ConversationPaneProps {
  state: TicketDetailState;
  composerMode: ComposerMode;
  onComposerModeChange: (mode: ComposerMode) => void;
  focusRequest: number;
}

export function ConversationPane({
  state,
  composerMode,
  onComposerModeChange,
  focusRequest,
}: ConversationPaneProps) {
  const { locale, t } = useI18n();
  const { detail, error, loading } = state;
  const mentionable = useMentionable(detail);

  if (!detail) {
    return (
      <section class="conversation conversation-empty" aria-busy={loading}>
        {error !== undefined ? (
          <p class="form-error" role="alert">
            {describeError(error, t)}
          </p>
        ) : (
          <p class="empty">{loading ? t('app.loading') : t('conversation.none')}</p>
        )}
      </section>
    );
  }

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-header">
        <h2 id="conversation-title">
          <span dir="ltr">{detail.label}</span> ·{' '}
          <bdi>{detail.subject || t('ticket.noSubject')}</bdi>
        </h2>
        <p class="conversation-meta">
          <bdi>{detail.contact.name || t('contact.unnamed')}</bdi>
          <span>{label(t, 'channel', detail.channel)}</span>
          {detail.channel === 'webchat' && <VisitorPresence key={detail.id} ticketId={detail.id} />}
          <span class={`badge badge-status-${detail.status}`}>
            {label(t, 'status', detail.status)}
          </span>
          {detail.queue && (
            <span>
              {t('conversation.queuePosition', {
                position: detail.queue.position,
                wait: formatDuration(detail.queue.estimatedWaitSeconds, locale),
              })}
            </span>
          )}
        </p>
      </header>
      <Timeline messages={detail.messages} events={detail.timeline} />
      {detail.channel === 'webchat' && (
        <VisitorTyping key={detail.id} ticketId={detail.id} name={detail.contact.name} />
      )}
      <VisitorActivity ticket={detail} />
      <Composer
        key={detail.id}
        ticket={detail}
        mode={composerMode}
        onModeChange={onComposerModeChange}
        focusRequest={focusRequest}
        mentionable={mentionable}
        onSent={state.addMessage}
      />
    </section>
  );
}
