import type { MessageView } from '@cc/shared';
import { useEffect, useRef } from 'preact/hooks';
import type { TimelineEvent } from '../api/types';
import { describeDeliveryError } from '../api/error-message';
import { useDirectory, type Directory } from '../directory';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../i18n/format';
import { label } from '../i18n/labels';
import type { Translate } from '../i18n/translate';
import { CallRecording } from './voice/CallRecording';
import { conversationItems, splitQuoted } from '../state/conversation';
import { MessageAttachments } from './MessageAttachments';
import { EmailBody } from './email/EmailBody';

const FIELD_EVENTS = ['priority', 'type', 'tags', 'faultCode', 'unit', 'subject'];

function describeEvent(event: TimelineEvent, t: Translate, directory: Directory): string {
  const someone = t('timeline.someone');
  const user = (id: string | null) => directory.userName(id) ?? someone;
  const group = (id: string | null) => directory.groupName(id) ?? someone;
  const status = (value: string | null) => (value ? label(t, 'status', value) : '—');
  switch (event.event) {
    case 'created':
      return event.to ? t('timeline.createdIn', { group: group(event.to) }) : t('timeline.created');
    case 'queued':
      return t('timeline.queued');
    case 'assigned':
      return t('timeline.assigned', { name: user(event.to) });
    case 'status':
      return t('timeline.status', { from: status(event.from), to: status(event.to) });
    case 'transferred':
      return t('timeline.transferred', {
        to: directory.userName(event.to) ?? directory.groupName(event.to) ?? someone,
      });
    case 'requeued':
      return t('timeline.requeued');
    case 'reopened':
      return t('timeline.reopened');
    case 'overflowed':
      return t('timeline.overflowed', { group: group(event.to) });
    case 'merged-into':
      return t('timeline.mergedInto');
    case 'merged-from':
      return t('timeline.mergedFrom');
    default:
      if (FIELD_EVENTS.includes(event.event))
        return t('timeline.fieldChanged', { field: label(t, 'event', event.event) });
      return label(t, 'event', event.event);
  }
}

function MessageBody({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const { body, quoted } = splitQuoted(message.text);
  return (
    <>
      <p class="message-text" dir="auto">
        {body}
      </p>
      {quoted && (
        <details class="quoted">
          <summary>{t('message.showQuoted')}</summary>
          <p class="message-text" dir="auto">
            {quoted}
          </p>
        </details>
      )}
      <CallRecording message={message} />
      <MessageAttachments attachments={message.attachments} />
    </>
  );
}

function MessageItem({ message }: { message: MessageView }) {
  const { locale, t } = useI18n();
  const kind = message.direction === 'internal' ? 'note' : message.direction;
  return (
    <li class={`message message-${kind}`} data-message={message.id}>
      <p class="message-meta">
        <bdi class="message-author">{message.authorName || t('contact.unnamed')}</bdi>
        <span>{kind === 'note' ? t('message.note') : label(t, 'channel', message.channel)}</span>
        <time dateTime={message.createdAt}>
          {formatDateTime(new Date(message.createdAt), locale)}
        </time>
      </p>
      {message.channel === 'email' ? (
        <EmailBody message={message} />
      ) : (
        <MessageBody message={message} />
      )}
      {message.direction === 'out' && (
        <p class={`delivery delivery-${message.deliveryStatus}`}>
          {label(t, 'outcome', message.deliveryStatus)}
          {message.deliveryError && ` — ${describeDeliveryError(message, t)}`}
        </p>
      )}
    </li>
  );
}

/** One system event: each part isolated (<bdi>) so names and notes in either script stay in place. */
function EventLine({ event }: { event: TimelineEvent }) {
  const { locale, t } = useI18n();
  const directory = useDirectory();
  const actor = directory.userName(event.actor) ?? t('timeline.someone');
  return (
    <>
      <bdi>{describeEvent(event, t, directory)}</bdi>
      {event.actorKind === 'expert' && (
        <>
          {' · '}
          <bdi>{t('timeline.by', { name: actor })}</bdi>
        </>
      )}
      {event.note && (
        <>
          {' · '}
          <bdi class="event-note">{event.note}</bdi>
        </>
      )}
      {' · '}
      <time dateTime={event.at}>
        <bdi>{formatDateTime(new Date(event.at), locale)}</bdi>
      </time>
    </>
  );
}

interface TimelineProps {
  messages: MessageView[];
  events: TimelineEvent[];
}

/** The whole conversation in one list, newest at the bottom, kept scrolled to the end. */
export function Timeline({ messages, events }: TimelineProps) {
  const { t } = useI18n();
  const directory = useDirectory();
  const end = useRef<HTMLLIElement>(null);
  const items = conversationItems(messages, events);

  useEffect(() => {
    for (const m of messages)
      if (m.author && m.authorKind === 'expert') directory.learnName(m.author, m.authorName);
  }, [messages, directory]);

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [items.length]);

  return (
    <div class="timeline" role="log" aria-label={t('conversation.timeline')}>
      <ol>
        {items.map((item) =>
          item.kind === 'message' ? (
            <MessageItem key={item.message.id} message={item.message} />
          ) : (
            <li key={`${item.at}-${item.event.event}`} class="timeline-event">
              <EventLine event={item.event} />
            </li>
          ),
        )}
        <li ref={end} class="timeline-end" aria-hidden="true" />
      </ol>
    </div>
  );
}
