import { useEffect, useRef, useState } from 'preact/hooks';
import type { FrameMessage, WidgetLocale, WidgetUser } from '../protocol';
import { ChatPane } from './components/ChatPane';
import { EndedPane } from './components/EndedPane';
import { OfflinePane } from './components/OfflinePane';
import { PreChatForm } from './components/PreChatForm';
import { SelfService } from './components/SelfService';
import type { VisitorSocket } from './connection';
import { FRAME_TEXT } from './i18n';
import { chime } from './sound';
import { useChat } from './useChat';

interface Props {
  locale: WidgetLocale;
  user: WidgetUser;
  open: boolean;
  socket: VisitorSocket | null;
  toHost: (message: FrameMessage) => void;
}

type Tab = 'chat' | 'self';

export function App({ locale, user, open, socket, toHost }: Props) {
  const t = FRAME_TEXT[locale];
  const [tab, setTab] = useState<Tab>('chat');
  const [unread, setUnread] = useState(0);
  const openRef = useRef(open);
  openRef.current = open;
  const chat = useChat(socket, () => {
    if (openRef.current && !document.hidden) return;
    setUnread((n) => n + 1);
    chime();
  });
  const main = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) {
      setUnread(0);
      main.current?.focus();
    }
  }, [open]);
  useEffect(() => toHost({ type: 'unread', count: unread }), [unread, toHost]);

  useEffect(() => {
    document.title = t.title;
  }, [t]);

  const { view, connection } = chat;
  const verified = chat.session?.verifiedUser ?? null;
  const showChat = tab === 'chat';

  return (
    <>
      <header class="frame-header">
        <h1>{t.title}</h1>
        <button
          type="button"
          class="frame-close"
          aria-label={t.close}
          onClick={() => toHost({ type: 'requestClose' })}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" stroke="currentColor" stroke-width="2.5">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </header>
      <div class="tabs" role="tablist">
        {(['chat', 'self'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`tab-${value}`}
            aria-selected={tab === value}
            aria-controls="frame-main"
            onClick={() => setTab(value)}
          >
            {value === 'chat' ? t.tabChat : t.tabSelfService}
          </button>
        ))}
      </div>
      {connection !== 'online' && (
        <p class={`connection connection-${connection}`} role="status">
          {connection === 'refused'
            ? t.refused
            : connection === 'connecting'
              ? t.connecting
              : t.reconnecting}
        </p>
      )}
      <div
        id="frame-main"
        class="frame-main"
        tabIndex={-1}
        role="tabpanel"
        aria-labelledby={`tab-${tab}`}
        ref={main}
        onKeyDown={(e) => {
          if (e.key === 'Escape') toHost({ type: 'requestClose' });
        }}
      >
        {socket && !showChat && <SelfService locale={locale} socket={socket} />}
        {socket && showChat && view.kind === 'prechat' && (
          <PreChatForm
            locale={locale}
            socket={socket}
            user={{ ...user, ...chat.lastForm }}
            verified={verified}
            onStart={chat.start}
          />
        )}
        {socket && showChat && view.kind === 'chat' && (
          <ChatPane locale={locale} socket={socket} chat={chat} visible={open} />
        )}
        {socket && showChat && view.kind === 'offline' && (
          <OfflinePane
            locale={locale}
            socket={socket}
            user={{ ...user, ...chat.lastForm, ...verified }}
            reason={view.reason}
            topic={chat.lastForm?.topic}
            onBack={chat.startOver}
          />
        )}
        {socket && showChat && view.kind === 'ended' && (
          <EndedPane
            locale={locale}
            socket={socket}
            ticketId={view.ticketId}
            user={verified ?? user}
            onNewChat={chat.startOver}
          />
        )}
      </div>
    </>
  );
}
