import type {
  ChatStartPayload,
  QueueStatus,
  VisitorChat,
  VisitorMessage,
  VisitorSession,
} from '@cc/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  ChatError,
  request,
  storeToken,
  widgetKey,
  type UploadedFile,
  type VisitorSocket,
} from './connection';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'refused';

/** A message on screen: stored ones, and the visitor's own while they are on their way. */
export interface ShownMessage extends VisitorMessage {
  state: 'stored' | 'sending' | 'failed';
  /** Uploaded files that go with a message not stored yet. */
  files: UploadedFile[];
}

export type ChatView =
  | { kind: 'loading' }
  | { kind: 'prechat' }
  | { kind: 'offline'; reason: 'no_expert_online' | 'closed' }
  | { kind: 'chat' }
  | { kind: 'ended'; ticketId: string };

const newClientId = () =>
  `${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;

function merge(list: ShownMessage[], incoming: VisitorMessage[]): ShownMessage[] {
  let next = list;
  for (const m of incoming) {
    if (next.some((x) => x.id === m.id)) continue;
    const pending = m.clientId ? next.findIndex((x) => x.clientId === m.clientId) : -1;
    const shown: ShownMessage = { ...m, state: 'stored', files: [] };
    next = pending >= 0 ? next.map((x, i) => (i === pending ? shown : x)) : [...next, shown];
  }
  return next;
}

const lastStoredId = (list: ShownMessage[]) =>
  [...list].reverse().find((m) => m.state === 'stored')?.id;

/** The live chat state and the visitor's actions, over the `/visitor` socket. */
export function useChat(socket: VisitorSocket | null, onExpertMessage: () => void) {
  const [connection, setConnection] = useState<Connection>('connecting');
  const [session, setSession] = useState<VisitorSession | null>(null);
  const [view, setView] = useState<ChatView>({ kind: 'loading' });
  const [chat, setChat] = useState<VisitorChat | null>(null);
  const [messages, setMessages] = useState<ShownMessage[]>([]);
  const [queue, setQueue] = useState<QueueStatus | null>(null);
  const [expertTyping, setExpertTyping] = useState<string | null>(null);
  const [staffReadUpTo, setStaffReadUpTo] = useState<string | null>(null);
  /** What the visitor typed into the pre-chat form, reused by the offline forms. */
  const [lastForm, setLastForm] = useState<ChatStartPayload | null>(null);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const chatRef = useRef(chat);
  chatRef.current = chat;
  const expertMessage = useRef(onExpertMessage);
  expertMessage.current = onExpertMessage;

  const deliver = useCallback(
    async (s: VisitorSocket, m: Pick<ShownMessage, 'ticketId' | 'clientId' | 'text' | 'files'>) => {
      const { ticketId, text } = m;
      const clientId = m.clientId!;
      setMessages((list) =>
        list.map((x) => (x.clientId === clientId ? { ...x, state: 'sending' } : x)),
      );
      try {
        const stored = await request(s, 'message:send', {
          ticketId,
          clientId,
          text,
          attachments: m.files.map((f) => f.id),
        });
        setMessages((list) => merge(list, [stored]));
      } catch (err) {
        setMessages((list) =>
          list.map((m) => (m.clientId === clientId ? { ...m, state: 'failed' } : m)),
        );
        if (err instanceof ChatError && err.code === 'chat_ended')
          setView({ kind: 'ended', ticketId });
      }
    },
    [],
  );

  const catchUp = useCallback(
    async (s: VisitorSocket, ticketId: string) => {
      let after = lastStoredId(messagesRef.current);
      for (;;) {
        const page = await request(s, 'history:since', {
          ticketId,
          ...(after ? { afterMessageId: after } : {}),
        });
        setMessages((list) => merge(list, page.messages));
        messagesRef.current = merge(messagesRef.current, page.messages);
        after = page.messages.at(-1)?.id ?? after;
        if (!page.hasMore) break;
      }
      // Messages that failed while the connection was down go again with the same client id.
      for (const m of messagesRef.current.filter((x) => x.state !== 'stored')) void deliver(s, m);
    },
    [deliver],
  );

  useEffect(() => {
    if (!socket) return;
    const s = socket;
    const onSession = (next: VisitorSession) => {
      storeToken(widgetKey(), next.token);
      setSession(next);
      setConnection('online');
      const current = next.chat;
      if (current && current.status !== 'ended') {
        if (chatRef.current?.ticketId !== current.ticketId) setMessages([]);
        if (chatRef.current?.ticketId !== current.ticketId) messagesRef.current = [];
        setChat(current);
        setStaffReadUpTo(current.staffReadUpTo);
        setView({ kind: 'chat' });
        void catchUp(s, current.ticketId).catch(() => undefined);
      } else {
        setView((v) => (v.kind === 'loading' || v.kind === 'chat' ? { kind: 'prechat' } : v));
      }
    };
    const onMessage = (m: VisitorMessage) => {
      if (chatRef.current?.ticketId !== m.ticketId) return;
      setMessages((list) => merge(list, [m]));
      if (m.from === 'expert') {
        setExpertTyping(null);
        expertMessage.current();
      }
    };
    const onEnded = ({ ticketId }: { ticketId: string }) => {
      if (chatRef.current?.ticketId === ticketId) setView({ kind: 'ended', ticketId });
      setExpertTyping(null);
    };
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const onTyping = (p: { ticketId: string; typing: boolean; name: string }) => {
      clearTimeout(typingTimer);
      setExpertTyping(p.typing ? p.name : null);
      if (p.typing) typingTimer = setTimeout(() => setExpertTyping(null), 8000);
    };
    s.on('session', onSession);
    s.on('message:new', onMessage);
    s.on('queue:position', (status) => {
      const current = chatRef.current;
      if (current && current.ticketId !== status.ticketId) return;
      // Back in a queue (transferred to a group, requeued): no expert is with the visitor now.
      if (current?.status === 'assigned')
        setChat({ ...current, status: 'waiting', expertName: null });
      setQueue(status);
    });
    s.on('chat:assigned', ({ ticketId, expertName }) => {
      if (chatRef.current?.ticketId !== ticketId) return;
      setChat({ ...chatRef.current, status: 'assigned', expertName });
      setQueue(null);
    });
    s.on('typing', onTyping);
    s.on('chat:ended', onEnded);
    s.on('message:read', ({ ticketId, messageId }) => {
      if (chatRef.current?.ticketId === ticketId) setStaffReadUpTo(messageId);
    });
    s.on('disconnect', () => setConnection('reconnecting'));
    s.on('connect_error', (err) => {
      setConnection(err.message === 'widget_key_refused' ? 'refused' : 'reconnecting');
    });
    return () => {
      clearTimeout(typingTimer);
      s.removeAllListeners();
    };
  }, [socket, catchUp]);

  const start = useCallback(
    async (form: ChatStartPayload) => {
      if (!socket) return;
      setLastForm(form);
      const result = await request(socket, 'chat:start', form);
      if (!result.online) {
        setView({ kind: 'offline', reason: result.reason });
        return;
      }
      setChat(result.chat);
      setQueue(result.queue);
      setMessages([]);
      messagesRef.current = [];
      setStaffReadUpTo(result.chat.staffReadUpTo);
      setView({ kind: 'chat' });
      await catchUp(socket, result.chat.ticketId);
    },
    [socket, catchUp],
  );

  const send = useCallback(
    (text: string, files: UploadedFile[] = []) => {
      const current = chatRef.current;
      if (!socket || !current) return;
      const clientId = newClientId();
      const pending: ShownMessage = {
        id: `pending-${clientId}`,
        ticketId: current.ticketId,
        from: 'visitor',
        authorName: '',
        text,
        clientId,
        createdAt: new Date().toISOString(),
        attachments: files.map((f) => ({
          name: f.name,
          contentType: f.contentType,
          size: f.size,
          dropped: false,
          reason: null,
          url: f.url,
        })),
        state: 'sending',
        files,
      };
      setMessages((list) => [...list, pending]);
      messagesRef.current = [...messagesRef.current, pending];
      if (socket.connected) void deliver(socket, pending);
    },
    [socket, deliver],
  );

  const retry = useCallback(
    (m: ShownMessage) => {
      if (socket?.connected && m.clientId) void deliver(socket, m);
    },
    [socket, deliver],
  );

  const end = useCallback(async () => {
    const current = chatRef.current;
    if (!socket || !current) return;
    await request(socket, 'chat:end', { ticketId: current.ticketId });
    setView({ kind: 'ended', ticketId: current.ticketId });
  }, [socket]);

  const startOver = useCallback(() => {
    setChat(null);
    setMessages([]);
    messagesRef.current = [];
    setQueue(null);
    setView({ kind: 'prechat' });
  }, []);

  return {
    connection,
    session,
    view,
    setView,
    chat,
    messages,
    queue,
    expertTyping,
    staffReadUpTo,
    lastForm,
    start,
    send,
    retry,
    end,
    startOver,
  };
}

export type ChatState = ReturnType<typeof useChat>;
