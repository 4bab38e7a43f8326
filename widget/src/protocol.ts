/**
 * Messages between the loader on the host page and the widget iframe. Every message is posted
 * to the peer's exact origin and accepted only from that origin and that window.
 */

export const WIDGET_LOCALES = ['fa', 'en'] as const;
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];

export interface WidgetUser {
  name?: string;
  email?: string;
  phone?: string;
  /** hex HMAC-SHA256 by the host's server (docs/realtime.md, "Verified visitors"). */
  signature?: string;
}

export type HostMessage =
  | { type: 'visibility'; open: boolean }
  | { type: 'setLocale'; locale: WidgetLocale }
  | { type: 'setUser'; user: WidgetUser };

export type FrameMessage =
  | { type: 'ready' }
  | { type: 'requestClose' }
  /** Expert messages not yet seen while the widget is closed (the launcher's badge). */
  | { type: 'unread'; count: number };

const CHANNEL = 'contact-centre-widget';

export interface Peer {
  origin: string;
  window: () => Window | null;
}

export function isWidgetLocale(value: unknown): value is WidgetLocale {
  return WIDGET_LOCALES.includes(value as WidgetLocale);
}

const USER_FIELDS = ['name', 'email', 'phone', 'signature'] as const;

/** A copy holding only the known fields, or null when any of them is not a string. */
export function readWidgetUser(value: unknown): WidgetUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const user: WidgetUser = {};
  for (const field of USER_FIELDS) {
    const fieldValue = (value as Record<string, unknown>)[field];
    if (typeof fieldValue === 'string') user[field] = fieldValue;
    else if (fieldValue !== undefined) return null;
  }
  return user;
}

function readEnvelope(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'object' || data === null) return null;
  const envelope = data as Record<string, unknown>;
  return envelope.channel === CHANNEL ? envelope : null;
}

export function parseHostMessage(data: unknown): HostMessage | null {
  const message = readEnvelope(data);
  switch (message?.type) {
    case 'visibility':
      return typeof message.open === 'boolean' ? { type: 'visibility', open: message.open } : null;
    case 'setLocale':
      return isWidgetLocale(message.locale) ? { type: 'setLocale', locale: message.locale } : null;
    case 'setUser': {
      const user = readWidgetUser(message.user);
      return user ? { type: 'setUser', user } : null;
    }
    default:
      return null;
  }
}

export function parseFrameMessage(data: unknown): FrameMessage | null {
  const message = readEnvelope(data);
  switch (message?.type) {
    case 'ready':
    case 'requestClose':
      return { type: message.type };
    case 'unread':
      return Number.isInteger(message.count) && (message.count as number) >= 0
        ? { type: 'unread', count: message.count as number }
        : null;
    default:
      return null;
  }
}

export function postToPeer(peer: Peer, message: HostMessage | FrameMessage): void {
  peer.window()?.postMessage({ channel: CHANNEL, ...message }, peer.origin);
}

export function listenToPeer<M>(
  peer: Peer,
  parse: (data: unknown) => M | null,
  handle: (message: M) => void,
): void {
  window.addEventListener('message', (event) => {
    if (event.origin !== peer.origin || event.source !== peer.window()) return;
    const message = parse(event.data);
    if (message) handle(message);
  });
}
