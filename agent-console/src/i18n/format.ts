import type { Locale } from './dictionaries';

export const TIME_ZONE = 'Asia/Tehran';

export function intlLocale(locale: Locale): string {
  return locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB';
}

export function formatDate(
  date: Date,
  locale: Locale,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'full' },
): string {
  const tehranOptions = { ...options, timeZone: TIME_ZONE };
  return new Intl.DateTimeFormat(intlLocale(locale), tehranOptions).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(intlLocale(locale), { type: 'conjunction' }).format(items);
}
