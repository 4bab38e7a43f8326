/**
 * The embeddable loader. A host page adds:
 *
 *   <script>
 *     window.ContactCentre = window.ContactCentre || [];
 *     ContactCentre.push(['setLocale', 'en'], ['setUser', { name: 'Sara' }]);
 *   </script>
 *   <script async src="https://support.example.com/widget.js" data-key="WIDGET_KEY"></script>
 *
 * Calls pushed before the script ran are replayed; afterwards window.ContactCentre is the API.
 */
import {
  isWidgetLocale,
  listenToPeer,
  parseFrameMessage,
  postToPeer,
  readWidgetUser,
  type HostMessage,
  type Peer,
  type WidgetLocale,
  type WidgetUser,
} from '../protocol';
import { LAUNCHER_ICONS, WIDGET_STYLES } from './styles';

interface ContactCentreApi {
  open(): void;
  close(): void;
  toggle(): void;
  setLocale(locale: WidgetLocale): void;
  setUser(user: WidgetUser): void;
  push(...calls: unknown[]): void;
}

const COMMANDS = ['open', 'close', 'toggle', 'setLocale', 'setUser'] as const;
type Command = (typeof COMMANDS)[number];

declare global {
  interface Window {
    ContactCentre?: ContactCentreApi | unknown[];
  }
}

const LABELS: Record<
  WidgetLocale,
  { launcher: string; frameTitle: string; unread: (n: number) => string }
> = {
  fa: {
    launcher: 'گفتگو با پشتیبانی',
    frameTitle: 'گفتگوی پشتیبانی',
    unread: (n) => `${n.toLocaleString('fa-IR')} پیام تازه`,
  },
  en: {
    launcher: 'Chat with support',
    frameTitle: 'Support chat',
    unread: (n) => `${n} new message${n === 1 ? '' : 's'}`,
  },
};

interface WidgetState {
  open: boolean;
  locale: WidgetLocale;
  user: WidgetUser | null;
}

const FRAME_ID = 'contact-centre-frame';

function warn(message: string, detail?: unknown): void {
  console.warn(`[ContactCentre] ${message}`, detail ?? '');
}

function frameUrl(frameOrigin: string, key: string, locale: WidgetLocale): string {
  const url = new URL('/widget/frame.html', frameOrigin);
  url.search = new URLSearchParams({ key, host: location.origin, locale }).toString();
  return url.toString();
}

function mountWidget(script: HTMLScriptElement, key: string): ContactCentreApi {
  const frameOrigin = new URL(script.src).origin;
  const { locale: dataLocale } = script.dataset;
  const state: WidgetState = {
    open: false,
    locale: isWidgetLocale(dataLocale) ? dataLocale : 'fa',
    user: null,
  };
  let frameReady = false;

  const container = document.createElement('div');
  const shadow = container.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = WIDGET_STYLES;

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.innerHTML = LAUNCHER_ICONS;
  launcher.setAttribute('aria-controls', FRAME_ID);
  launcher.setAttribute('aria-expanded', 'false');

  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  launcher.append(badge);

  function showUnread(count: number): void {
    badge.hidden = count === 0;
    badge.textContent = count > 9 ? '9+' : String(count);
    const label = LABELS[state.locale].launcher;
    launcher.setAttribute(
      'aria-label',
      count ? `${label} (${LABELS[state.locale].unread(count)})` : label,
    );
  }

  const iframe = document.createElement('iframe');
  iframe.id = FRAME_ID;
  iframe.hidden = true;
  iframe.src = frameUrl(frameOrigin, key, state.locale);
  iframe.allow = 'autoplay';

  const frame: Peer = { origin: frameOrigin, window: () => iframe.contentWindow };

  function send(message: HostMessage): void {
    if (frameReady) postToPeer(frame, message);
  }

  function applyLabels(): void {
    launcher.setAttribute('aria-label', LABELS[state.locale].launcher);
    iframe.title = LABELS[state.locale].frameTitle;
  }

  function setOpen(open: boolean): void {
    const focusWasInWidget = document.activeElement === container;
    state.open = open;
    iframe.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    send({ type: 'visibility', open });
    if (open) iframe.focus();
    else if (focusWasInWidget) launcher.focus();
  }

  const api: ContactCentreApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!state.open),
    setLocale(locale) {
      if (!isWidgetLocale(locale)) return warn('setLocale expects "fa" or "en", got', locale);
      state.locale = locale;
      applyLabels();
      send({ type: 'setLocale', locale });
    },
    setUser(user) {
      const validUser = readWidgetUser(user);
      if (!validUser) return warn('setUser expects { name?, email?, phone? } strings, got', user);
      state.user = validUser;
      send({ type: 'setUser', user: validUser });
    },
    push(...calls) {
      for (const call of calls) runQueuedCall(api, call);
    },
  };

  listenToPeer(frame, parseFrameMessage, (message) => {
    switch (message.type) {
      case 'ready':
        frameReady = true;
        send({ type: 'setLocale', locale: state.locale });
        if (state.user) send({ type: 'setUser', user: state.user });
        send({ type: 'visibility', open: state.open });
        break;
      case 'requestClose':
        api.close();
        break;
      case 'unread':
        showUnread(message.count);
        break;
    }
  });

  launcher.addEventListener('click', api.toggle);
  applyLabels();
  shadow.append(style, iframe, launcher);
  if (document.body) document.body.append(container);
  else document.addEventListener('DOMContentLoaded', () => document.body.append(container));
  return api;
}

function runQueuedCall(api: ContactCentreApi, call: unknown): void {
  if (!Array.isArray(call) || !COMMANDS.includes(call[0] as Command)) {
    return warn('ignored a call that is not [command, argument?]:', call);
  }
  const [command, argument] = call as [Command, unknown];
  (api[command] as (argument?: unknown) => void)(argument);
}

function boot(): void {
  if (window.ContactCentre && !Array.isArray(window.ContactCentre)) return;
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return warn('load widget.js with a classic <script>');
  const key = script.dataset.key;
  if (!key) return warn('the <script> tag needs a data-key attribute');

  const queued = window.ContactCentre ?? [];
  const api = mountWidget(script, key);
  window.ContactCentre = api;
  api.push(...queued);
}

boot();
