/**
 * Business-hours arithmetic for expert groups: is a group open, when does it open next, and how
 * much open time lies between two instants (SLA deadlines, "first response in business hours").
 *
 * All functions are pure. Schedules are expressed in the group's local wall-clock time (any IANA
 * zone, resolved through Intl — no hard-coded offsets) and are evaluated one local day at a time,
 * so the cost grows with the number of days in a range, never with the number of minutes.
 */
import { isoDay, localParts } from '../core/dates.js';

export interface WeeklyInterval {
  /** 0 = Sunday ... 6 = Saturday. */
  readonly day: number;
  /** Local "HH:mm". */
  readonly open: string;
  /** Local "HH:mm", exclusive; "24:00" means the end of the day. */
  readonly close: string;
}

export interface BusinessHours {
  /** IANA time zone of the schedule, e.g. "Asia/Tehran". */
  readonly timezone: string;
  /** Open around the clock: the weekly intervals and holidays are ignored. */
  readonly alwaysOpen: boolean;
  readonly weekly: readonly WeeklyInterval[];
  /** Local dates "YYYY-MM-DD" closed all day. */
  readonly holidays: readonly string[];
}

/** How many consecutive closed local days an open-ended search tolerates before giving up. */
export const SEARCH_LIMIT_DAYS = 400;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const DAY_MINUTES = 24 * 60;

/** Is the group open at this instant? Opening minutes are inclusive, closing minutes exclusive. */
export function isOpenAt(hours: BusinessHours, at: Date): boolean {
  if (hours.alwaysOpen) return true;
  const schedule = compile(hours);
  const t = at.getTime();
  const day = localParts(at, schedule.timeZone).day;
  return openSpansOfDay(schedule, day).some((s) => s.start <= t && t < s.end);
}

/** `at` itself when open, else the start of the next open interval; null if none within the search limit. */
export function nextOpening(hours: BusinessHours, at: Date): Date | null {
  if (hours.alwaysOpen) return new Date(at.getTime());
  const first = openSpansFrom(compile(hours), at.getTime()).next();
  return first.done ? null : new Date(first.value.start);
}

/**
 * The first open instant at which `minutes` of open time have elapsed since `start` (counting begins
 * at the next opening when `start` is outside hours). The result is always an open instant: when
 * the budget runs out exactly at a closing time, the answer is the next opening, so that
 * `addBusinessMinutes(h, s, businessMinutesBetween(h, s, t)) = t` for every open `t >= s`.
 * Returns null when the schedule has no open time within the search limit.
 */
export function addBusinessMinutes(
  hours: BusinessHours,
  start: Date,
  minutes: number,
): Date | null {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`business minutes must be a finite number >= 0, got ${minutes}`);
  }
  if (hours.alwaysOpen) return new Date(start.getTime() + minutes * MINUTE_MS);
  let remaining = minutes * MINUTE_MS;
  for (const span of openSpansFrom(compile(hours), start.getTime())) {
    const length = span.end - span.start;
    if (remaining < length) return new Date(span.start + remaining);
    remaining -= length;
  }
  return null;
}

/** Open minutes in [from, to); 0 when `to <= from`. Fractional when the instants are not whole minutes. */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
  const begin = from.getTime();
  const end = to.getTime();
  if (end <= begin) return 0;
  if (hours.alwaysOpen) return (end - begin) / MINUTE_MS;
  const schedule = compile(hours);
  const lastDay = localParts(to, schedule.timeZone).day;
  let total = 0;
  for (const span of openSpansFrom(schedule, begin, lastDay)) {
    if (span.start >= end) break;
    total += Math.min(span.end, end) - span.start;
  }
  return total / MINUTE_MS;
}

// ---------------------------------------------------------------------------------------------

/** Local minutes of the day, [open, close). */
interface LocalInterval {
  readonly open: number;
  readonly close: number;
}

/** Epoch milliseconds, [start, end). */
interface Span {
  readonly start: number;
  readonly end: number;
}

interface Schedule {
  readonly timeZone: string;
  /** Indexed by weekday (0 = Sunday); sorted, merged, non-empty intervals. */
  readonly byWeekday: readonly (readonly LocalInterval[])[];
  readonly holidays: ReadonlySet<string>;
}

function compile(hours: BusinessHours): Schedule {
  const byWeekday = Array.from({ length: 7 }, (_, weekday) =>
    mergeIntervals(
      hours.weekly
        .filter((w) => w.day === weekday)
        .map((w) => ({ open: parseTime(w.open), close: parseTime(w.close) })),
    ),
  );
  return { timeZone: hours.timezone, byWeekday, holidays: new Set(hours.holidays) };
}

/** "HH:mm" → minutes since local midnight, capped at 24:00. */
function parseTime(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`business hours: invalid time "${hhmm}", expected HH:mm`);
  return Math.min(Number(match[1]) * 60 + Number(match[2]), DAY_MINUTES);
}

function mergeIntervals(intervals: LocalInterval[]): LocalInterval[] {
  const sorted = intervals.filter((i) => i.open < i.close).sort((a, b) => a.open - b.open);
  const merged: LocalInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.open <= last.close) {
      merged[merged.length - 1] = { open: last.open, close: Math.max(last.close, interval.close) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** The open spans of one local date, as instants (empty on holidays and closed weekdays). */
function openSpansOfDay(schedule: Schedule, day: string): Span[] {
  if (schedule.holidays.has(day)) return [];
  const intervals = schedule.byWeekday[weekdayOf(day)] ?? [];
  return intervals
    .map((i) => ({
      start: localToEpoch(day, i.open, schedule.timeZone),
      end: localToEpoch(day, i.close, schedule.timeZone),
    }))
    .filter((s) => s.start < s.end);
}

/**
 * Open spans in chronological order, clipped so that none starts before `from`. Walks local days
 * starting with the day of `from` (a day's intervals end by its midnight, so earlier days cannot
 * reach `from`). Stops after `lastDay` when given, otherwise after SEARCH_LIMIT_DAYS consecutive
 * closed days.
 */
function* openSpansFrom(schedule: Schedule, from: number, lastDay?: string): Generator<Span> {
  let closedDays = 0;
  for (let day = localParts(new Date(from), schedule.timeZone).day; ; day = nextDay(day)) {
    if (lastDay !== undefined && day > lastDay) return;
    const spans = openSpansOfDay(schedule, day).filter((s) => s.end > from);
    if (spans.length === 0) {
      closedDays += 1;
      if (lastDay === undefined && closedDays >= SEARCH_LIMIT_DAYS) return;
      continue;
    }
    closedDays = 0;
    for (const span of spans) yield { start: Math.max(span.start, from), end: span.end };
  }
}

const dayEpoch = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
const weekdayOf = (day: string): number => new Date(dayEpoch(day)).getUTCDay();
const nextDay = (day: string): string => isoDay(new Date(dayEpoch(day) + DAY_MS));

/** Offset of the zone from UTC at an instant, in ms (wall clock minus UTC, to the minute). */
function offsetAt(epoch: number, timeZone: string): number {
  const p = localParts(new Date(epoch), timeZone);
  const wall = dayEpoch(p.day) + (p.hour * 60 + p.minute) * MINUTE_MS;
  return wall - Math.floor(epoch / MINUTE_MS) * MINUTE_MS;
}

/**
 * The instant at which the wall clock of `timeZone` shows `minuteOfDay` on local date `day`
 * (1440 = the next midnight). Ambiguous times (clocks set back) resolve to the earlier instant;
 * times skipped by a forward jump resolve to the instant of the jump, when the clock passes them.
 */
function localToEpoch(day: string, minuteOfDay: number, timeZone: string): number {
  const wall = dayEpoch(day) + minuteOfDay * MINUTE_MS;
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter(
    (t) => t + offsetAt(t, timeZone) === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return transitionInstant(wall - after, wall - before, after, timeZone);
}

/** First whole minute in (lo, hi] at which the zone's offset is `target` (binary search). */
function transitionInstant(lo: number, hi: number, target: number, timeZone: string): number {
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(mid, timeZone) === target) hi = mid;
    else lo = mid;
  }
  return hi;
}
