import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetLocale } from '../../protocol';
import { uploadAttachment, type VisitorSocket } from '../connection';
import { FRAME_TEXT, formatNumber, formatTime, formatWait } from '../i18n';
import type { ChatState, ShownMessage } from '../useChat';
import { Attachments } from './Attachments';
import { errorText } from './errors';

interface Props {
  locale: WidgetLocale;
  socket: VisitorSocket;
  chat: ChatState;
  visible: boolean;
}

const TYPING_IDLE_MS = 4000;
/** The server's default limit (ATTACHMENT_MAX_BYTES); it checks again, with the real value. */
const MAX_FILE_MB = 10;

/** Queue or expert line, the conversation, the expert's typing, and the composer. */
export function ChatPane({ locale, socket, chat, visible }: Props) {
  const t = FRAME_TEXT[locale];
  const { messages, queue, expertTyping, staffReadUpTo } = chat;
  const current = chat.chat;
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const typingSent = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastRead = useRef<string | null>(null);

  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length, expertTyping]);

  // Read receipts: everything on screen is read once the visitor can see it.
  useEffect(() => {
    if (!visible || !current) return;
    const last = [...messages].reverse().find((m) => m.state === 'stored' && m.from !== 'visitor');
    if (!last || last.id === lastRead.current) return;
    lastRead.current = last.id;
    socket.emit('message:read', { ticketId: current.ticketId, messageId: last.id });
  }, [visible, messages, current, socket]);

  function typing(active: boolean) {
    if (!current) return;
    socket.emit('typing', { ticketId: current.ticketId, typing: active });
    typingSent.current = active ? Date.now() : 0;
  }

  function onInput(value: string) {
    setText(value);
    if (Date.now() - typingSent.current > TYPING_IDLE_MS - 1000) typing(true);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => typing(false), TYPING_IDLE_MS);
  }

  function submit(event?: Event) {
    event?.preventDefault();
    const value = text.trim();
    if (!value) return;
    chat.send(value);
    setText('');
    clearTimeout(idleTimer.current);
    typing(false);
  }

  async function attach(file: File | undefined) {
    if (!file) return;
    if (fileInput.current) fileInput.current.value = '';
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setError(t.tooLarge(formatNumber(MAX_FILE_MB, locale)));
      return;
    }
    setUploading(true);
    setError('');
    try {
      chat.send(text.trim(), [await uploadAttachment(file)]);
      setText('');
    } catch (err) {
      setError(errorText(err, locale));
    } finally {
      setUploading(false);
    }
  }

  async function end() {
    setConfirmingEnd(false);
    try {
      await chat.end();
    } catch (err) {
      setError(errorText(err, locale));
    }
  }

  const readIndex = staffReadUpTo ? messages.findIndex((m) => m.id === staffReadUpTo) : -1;
  const isRead = (m: ShownMessage, i: number) =>
    m.state === 'stored' && staffReadUpTo !== null && (i <= readIndex || m.id <= staffReadUpTo);

  return (
    <section class="chat" aria-label={t.tabChat}>
      <div class="chat-status" role="status" aria-live="polite">
        {current?.expertName ? (
          <span class="expert-line">{t.assigned(current.expertName)}</span>
        ) : queue ? (
          <span class="queue-line">
            {t.queue(
              formatNumber(queue.position, locale),
              formatWait(queue.estimatedWaitSeconds, locale),
            )}
          </span>
        ) : (
          <span class="queue-line">{t.waiting}</span>
        )}
        {!confirmingEnd && (
          <button type="button" class="link end-chat" onClick={() => setConfirmingEnd(true)}>
            {t.endChat}
          </button>
        )}
      </div>
      {confirmingEnd && (
        <div class="confirm-end" role="group" aria-label={t.endConfirm}>
          <span>{t.endConfirm}</span>
          <button type="button" class="primary" onClick={end} autoFocus>
            {t.endYes}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirmingEnd(false)}>
            {t.endNo}
          </button>
        </div>
      )}
      <ol class="messages" ref={list} aria-live="polite" aria-relevant="additions">
        {messages.map((m, i) => (
          <li key={m.id} class={`message from-${m.from}`} data-state={m.state}>
            <span class="sr-only">
              {m.from === 'visitor' ? t.you : m.from === 'expert' ? m.authorName : t.system}:
            </span>
            {m.from === 'expert' && m.authorName && (
              <span class="author" aria-hidden="true">
                {m.authorName}
              </span>
            )}
            {m.text && (
              <p class="text" dir="auto">
                {m.text}
              </p>
            )}
            <Attachments files={m.attachments} locale={locale} />
            <span class="meta">
              <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
              {m.from === 'visitor' && (
                <span
                  class="receipt"
                  data-receipt={isRead(m, i) ? 'read' : m.state === 'stored' ? 'sent' : m.state}
                >
                  {m.state === 'sending'
                    ? t.sending
                    : m.state === 'failed'
                      ? t.failed
                      : isRead(m, i)
                        ? t.read
                        : t.sent}
                </span>
              )}
              {m.state === 'failed' && (
                <button type="button" class="link" onClick={() => chat.retry(m)}>
                  {t.retry}
                </button>
              )}
            </span>
          </li>
        ))}
      </ol>
      <p class="typing" aria-live="polite">
        {expertTyping ? t.typing(expertTyping) : ''}
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <form class="composer" onSubmit={submit}>
        <input
          ref={fileInput}
          id="composer-file"
          type="file"
          class="sr-only"
          accept="image/*,application/pdf"
          tabIndex={-1}
          onChange={(e) => void attach(e.currentTarget.files?.[0])}
        />
        <button
          type="button"
          class="attach"
          aria-label={uploading ? t.sending : t.attach}
          title={t.attach}
          disabled={uploading}
          onClick={() => fileInput.current?.click()}
        >
          <svg
            viewBox="0 0 24 24"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          >
            <path d="M21 12.5l-8.5 8.5a5 5 0 0 1-7-7L14 5.5a3.5 3.5 0 0 1 5 5L10.5 19a2 2 0 0 1-3-3L15 8.5" />
          </svg>
        </button>
        <label for="composer-text" class="sr-only">
          {t.message}
        </label>
        <textarea
          id="composer-text"
          rows={2}
          dir="auto"
          placeholder={t.messagePlaceholder}
          value={text}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
          }}
        />
        <button type="submit" class="primary send" aria-label={t.send}>
          {t.send}
        </button>
      </form>
    </section>
  );
}
