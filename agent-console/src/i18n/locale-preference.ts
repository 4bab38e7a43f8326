import { LOCALES, type Locale } from './dictionaries';
import { translate } from './translate';

const STORAGE_KEY = 'cc.console.locale';
export const DEFAULT_LOCALE: Locale = 'fa';

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function textDirection(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'fa' ? 'rtl' : 'ltr';
}

/** Storage access throws when the browser blocks site data; the console then just forgets the choice. */
export function loadLocalePreference(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function saveLocalePreference(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // see loadLocalePreference
  }
}

export function applyLocaleToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = textDirection(locale);
  document.title = translate(locale, 'app.title');
}
