import { config } from '../core/config.js';
import { badRequest } from '../core/errors.js';
import { localDay } from '../core/dates.js';
import { addDays, daysBetween } from './local-days.js';
import { MAX_DAYS, type PeriodPreset } from './schema.js';

export interface Period {
  from: string;
  to: string;
  days: string[];
}

/** Day of the month in the Persian (Jalali) calendar for an instant in a zone. */
function jalaliDayOfMonth(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
    timeZone,
    day: 'numeric',
  }).formatToParts(at);
  return Number(parts.find((p) => p.type === 'day')?.value ?? '1');
}

/** Turns a preset (or a custom range) into local days, ending today for presets. */
export function resolvePeriod(
  q: { period: PeriodPreset; from?: string; to?: string },
  now = new Date(),
): Period {
  const tz = config().DEFAULT_TIMEZONE;
  const today = localDay(now, tz);
  let from: string;
  let to = today;
  switch (q.period) {
    case 'today':
      from = today;
      break;
    case '7d':
      from = addDays(today, -6);
      break;
    case '30d':
      from = addDays(today, -29);
      break;
    case 'month':
      from = addDays(today, -(jalaliDayOfMonth(now, tz) - 1));
      break;
    case 'custom':
      from = q.from!;
      to = q.to!;
      break;
  }
  const days = daysBetween(from, to);
  if (days.length > MAX_DAYS)
    throw badRequest('period_too_long', `a report covers at most ${MAX_DAYS} days`);
  return { from, to, days };
}
