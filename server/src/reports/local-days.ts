import { isoDay, localParts } from '../core/dates.js';

const DAY_MS = 86_400_000;
const dayEpoch = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

export const addDays = (day: string, n: number): string =>
  isoDay(new Date(dayEpoch(day) + n * DAY_MS));

/** Every local day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export const weekdayOfDay = (day: string): number => new Date(dayEpoch(day)).getUTCDay();

/** The instant the local day begins in `timeZone` (zones with a fixed offset at midnight). */
export function dayStart(day: string, timeZone: string): Date {
  let guess = dayEpoch(day);
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(guess), timeZone);
    const wall = dayEpoch(p.day) + (p.hour * 60 + p.minute) * 60_000;
    const target = dayEpoch(day);
    if (wall === target) break;
    guess += target - wall;
  }
  return new Date(guess);
}
