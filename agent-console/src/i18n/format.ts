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

/** "a and b" (conjunction), or "a, b" with the locale's comma (unit). */
export function formatList(
  items: string[],
  locale: Locale,
  type: 'conjunction' | 'unit' = 'conjunction',
): string {
  return new Intl.ListFormat(intlLocale(locale), {
    type,
    style: type === 'unit' ? 'short' : 'long',
  }).format(items);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return formatDate(date, locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar day "YYYY-MM-DD" (no time, no zone) in the locale's calendar. */
export function formatDay(isoDay: string, locale: Locale): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  const noonUtc = new Date(Date.UTC(year!, month! - 1, day!, 12));
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(noonUtc);
}

const unitFormat = (locale: Locale, unit: string, value: number) =>
  new Intl.NumberFormat(intlLocale(locale), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
  }).format(value);

/** A wait or a countdown: "45 sec", "12 min", "2 hr, 5 min", "3 days" (largest units, rounded down). */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return unitFormat(locale, 'second', s);
  if (s < 3600) return unitFormat(locale, 'minute', Math.floor(s / 60));
  if (s < 86_400) {
    const hours = Math.floor(s / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    const parts = [unitFormat(locale, 'hour', hours)];
    if (minutes > 0) parts.push(unitFormat(locale, 'minute', minutes));
    return new Intl.ListFormat(intlLocale(locale), { type: 'unit', style: 'short' }).format(parts);
  }
  return unitFormat(locale, 'day', Math.floor(s / 86_400));
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "in 2 hours", "now". */
export function formatRelative(date: Date, now: Date, locale: Locale): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
