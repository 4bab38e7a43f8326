import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './frame.css';
import { render } from 'preact';
import {
  isWidgetLocale,
  listenToPeer,
  parseHostMessage,
  postToPeer,
  type FrameMessage,
  type Peer,
  type WidgetLocale,
  type WidgetUser,
} from '../protocol';
import { App } from './App';
import { connectVisitor, type VisitorSocket } from './connection';

/** The `host` query parameter, accepted only when it is exactly an http(s) origin. */
function readHostOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    const isOrigin = url.origin === value && /^https?:$/.test(url.protocol);
    return isOrigin ? value : null;
  } catch {
    return null;
  }
}

const params = new URLSearchParams(location.search);
const localeParam = params.get('locale');
const widgetKey = params.get('key') ?? '';
const root = document.getElementById('app')!;

const state: { locale: WidgetLocale; user: WidgetUser; open: boolean } = {
  locale: isWidgetLocale(localeParam) ? localeParam : 'fa',
  user: {},
  open: false,
};
let socket: VisitorSocket | null = null;
let toHost: (message: FrameMessage) => void = () => undefined;

function draw(): void {
  document.documentElement.lang = state.locale;
  document.documentElement.dir = state.locale === 'fa' ? 'rtl' : 'ltr';
  render(
    <App
      locale={state.locale}
      user={state.user}
      open={state.open}
      socket={socket}
      toHost={(message) => toHost(message)}
    />,
    root,
  );
}

/**
 * The host's origin is only believed once the parent window answers from it: `ready` is posted
 * to that exact origin, and the loader's reply is checked against it (event.origin and source).
 * Only then does the frame open the visitor socket, reporting that origin to the server.
 */
function connectToHost(hostOrigin: string): void {
  const host: Peer = { origin: hostOrigin, window: () => window.parent };
  toHost = (message) => postToPeer(host, message);
  const auth = () => ({
    key: widgetKey,
    origin: hostOrigin,
    ...(state.user.signature ? { user: state.user } : {}),
  });
  listenToPeer(host, parseHostMessage, (message) => {
    switch (message.type) {
      case 'visibility':
        // The loader answers `ready` with locale, user, then visibility: connect after all three.
        state.open = message.open;
        socket ??= connectVisitor(auth);
        break;
      case 'setLocale':
        state.locale = message.locale;
        break;
      case 'setUser': {
        const signatureChanged = message.user.signature !== state.user.signature;
        state.user = message.user;
        if (socket && signatureChanged) socket.disconnect().connect();
        break;
      }
    }
    draw();
  });
  postToPeer(host, { type: 'ready' });
}

draw();
const hostOrigin = readHostOrigin(params.get('host'));
if (hostOrigin && window.parent !== window) connectToHost(hostOrigin);
