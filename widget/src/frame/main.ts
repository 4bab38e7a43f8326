import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './frame.css';
import {
  isWidgetLocale,
  listenToPeer,
  parseHostMessage,
  postToPeer,
  type Peer,
  type WidgetLocale,
  type WidgetUser,
} from '../protocol';
import { FRAME_TEXT } from './messages';

function requireElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`frame.html lacks #${id}`);
  return element;
}

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

const titleElement = requireElement('frame-title');
const welcomeElement = requireElement('frame-welcome');
const closeButton = requireElement('frame-close');
const mainElement = requireElement('frame-main');

const params = new URLSearchParams(location.search);
const localeParam = params.get('locale');
let locale: WidgetLocale = isWidgetLocale(localeParam) ? localeParam : 'fa';
let user: WidgetUser = {};

function render(): void {
  const text = FRAME_TEXT[locale];
  document.documentElement.lang = locale;
  document.documentElement.dir = locale === 'fa' ? 'rtl' : 'ltr';
  document.title = text.title;
  titleElement.textContent = text.title;
  closeButton.setAttribute('aria-label', text.close);
  welcomeElement.textContent = user.name ? text.welcomeByName(user.name) : text.welcome;
}

function connectToHost(hostOrigin: string): void {
  const host: Peer = { origin: hostOrigin, window: () => window.parent };
  const requestClose = () => postToPeer(host, { type: 'requestClose' });

  listenToPeer(host, parseHostMessage, (message) => {
    switch (message.type) {
      case 'visibility':
        if (message.open) mainElement.focus();
        break;
      case 'setLocale':
        locale = message.locale;
        render();
        break;
      case 'setUser':
        user = message.user;
        render();
        break;
    }
  });

  closeButton.hidden = false;
  closeButton.addEventListener('click', requestClose);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') requestClose();
  });
  postToPeer(host, { type: 'ready' });
}

render();
const hostOrigin = readHostOrigin(params.get('host'));
if (hostOrigin && window.parent !== window) connectToHost(hostOrigin);
