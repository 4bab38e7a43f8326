import type { Locale } from './i18n';

interface WidgetApi {
  push(...calls: unknown[]): void;
}
declare global {
  interface Window {
    ContactCentre?: WidgetApi | unknown[];
  }
}

/** Opens the chat widget (loaded on first use with the portal's widget key) in the page's language. */
export function openChat(widgetKey: string, locale: Locale): void {
  const calls = [['setLocale', locale], ['open']];
  if (window.ContactCentre && !Array.isArray(window.ContactCentre)) {
    window.ContactCentre.push(...calls);
    return;
  }
  window.ContactCentre = [...((window.ContactCentre as unknown[] | undefined) ?? []), ...calls];
  if (document.querySelector('script[data-portal-widget]')) return;
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.dataset.key = widgetKey;
  script.dataset.locale = locale;
  script.dataset.portalWidget = '';
  document.body.append(script);
}
