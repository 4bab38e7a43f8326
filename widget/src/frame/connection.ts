import type { VisitorClientEvents, VisitorServerEvents, VisitorHandshakeAuth } from '@cc/shared';
import { io, type Socket } from 'socket.io-client';

type AckData<E extends keyof VisitorClientEvents> = Parameters<VisitorClientEvents[E]>[1] extends
  ((answer: infer A) => void) | undefined
  ? A extends { ok: true; data: infer T }
    ? T
    : never
  : never;

export class ChatError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

const TOKEN_KEY = (widgetKey: string) => `cc.widget.token.${widgetKey}`;

export function storedToken(widgetKey: string): string | undefined {
  try {
    return localStorage.getItem(TOKEN_KEY(widgetKey)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeToken(widgetKey: string, token: string): void {
  try {
    localStorage.setItem(TOKEN_KEY(widgetKey), token);
  } catch {
    // Storage blocked (private mode): the chat still works until the page is closed.
  }
}

/** The `/visitor` socket on the hub (the frame's own origin), with the stored token. */
export function connectVisitor(auth: () => VisitorHandshakeAuth): VisitorSocket {
  return io('/visitor', {
    // Read on every (re)connection, so a reconnect presents the latest token and user.
    auth: (cb) => {
      const current = auth();
      cb({ ...current, token: storedToken(current.key) });
    },
    transports: ['websocket', 'polling'],
  });
}

/** Emits with an acknowledgement; resolves its data or rejects with a ChatError. */
export async function request<E extends keyof VisitorClientEvents>(
  socket: VisitorSocket,
  event: E,
  payload: Parameters<VisitorClientEvents[E]>[0],
): Promise<AckData<E>> {
  type Answer =
    | { ok: true; data: AckData<E> }
    | { ok: false; error: { code: string; message: string; retryAfterSeconds?: number } };
  const timed = socket.timeout(20_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Answer>;
  };
  let answer: Answer;
  try {
    answer = await timed.emitWithAck(event, payload);
  } catch {
    throw new ChatError('timeout', 'no answer from the server');
  }
  if (!answer.ok)
    throw new ChatError(answer.error.code, answer.error.message, answer.error.retryAfterSeconds);
  return answer.data;
}

export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

export const widgetKey = () => new URLSearchParams(location.search).get('key') ?? '';

/** Uploads a photo or PDF to the visitor's current chat; the server checks type and size. */
export async function uploadAttachment(file: File): Promise<UploadedFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch('/api/webchat/attachments', {
    method: 'POST',
    headers: { Authorization: `Bearer ${storedToken(widgetKey()) ?? ''}` },
    body,
  });
  const json = (await res.json().catch(() => ({}))) as
    UploadedFile | { error?: { code: string; message: string } };
  if (!res.ok || !('id' in json)) {
    const error = 'error' in json ? json.error : undefined;
    throw new ChatError(error?.code ?? 'upload_failed', error?.message ?? `HTTP ${res.status}`);
  }
  return json;
}
