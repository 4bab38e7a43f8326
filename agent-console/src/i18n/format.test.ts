import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatList,
  formatRelative,
} from './format';

// 21:00 UTC on 20 March 2025 is 00:30 on 21 March in Tehran (UTC+03:30): Nowruz, 1 Farvardin 1404.
const nowruz1404 = new Date('2025-03-20T21:00:00Z');

describe('formatDate', () => {
  it('uses the Persian calendar and Persian digits in Tehran time for fa', () => {
    expect(formatDate(nowruz1404, 'fa', { year: 'numeric' })).toBe('۱۴۰۴');
    expect(formatDate(nowruz1404, 'fa', { month: 'long' })).toBe('فروردین');
    expect(formatDate(nowruz1404, 'fa', { day: 'numeric' })).toBe('۱');
  });

  it('uses the Gregorian calendar in Tehran time for en', () => {
    expect(formatDate(nowruz1404, 'en')).toBe('Friday, 21 March 2025');
  });
});

describe('formatList', () => {
  it('joins with the locale’s conjunction', () => {
    expect(formatList(['Expert', 'Supervisor'], 'en')).toBe('Expert and Supervisor');
    expect(formatList(['کارشناس', 'سرپرست'], 'fa')).toBe('کارشناس و سرپرست');
  });

  it('separates with the locale’s comma for plain lists', () => {
    expect(formatList(['Sales', 'Billing'], 'en', 'unit')).toBe('Sales, Billing');
    expect(formatList(['فروش', 'مالی'], 'fa', 'unit')).toMatch(/^فروش،\u200f? مالی$/);
  });
});

describe('formatDateTime', () => {
  it('gives a Jalali date and Tehran time for fa', () => {
    expect(formatDateTime(nowruz1404, 'fa')).toBe('۱ فروردین ۱۴۰۴، ۰:۳۰');
    expect(formatDateTime(nowruz1404, 'en')).toBe('21 Mar 2025, 00:30');
  });
});

describe('formatDay', () => {
  it('shows a calendar day without shifting it by the time zone', () => {
    expect(formatDay('2025-03-21', 'fa')).toBe('۱ فروردین ۱۴۰۴');
    expect(formatDay('2025-03-21', 'en')).toBe('21 Mar 2025');
  });
});

describe('formatDuration', () => {
  it('uses the largest units, rounded down', () => {
    expect(formatDuration(42, 'en')).toBe('42 secs');
    expect(formatDuration(12 * 60 + 59, 'en')).toBe('12 mins');
    expect(formatDuration(2 * 3600 + 5 * 60, 'en')).toBe('2 hrs, 5 mins');
    expect(formatDuration(3 * 86_400 + 7, 'en')).toBe('3 days');
    expect(formatDuration(5 * 60, 'fa')).toBe('۵ دقیقه');
  });
});

describe('formatRelative', () => {
  it('says how long ago or how soon', () => {
    const now = new Date('2025-01-01T12:00:00Z');
    expect(formatRelative(new Date('2025-01-01T11:55:00Z'), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(new Date('2025-01-01T14:00:00Z'), now, 'en')).toBe('in 2 hours');
    expect(formatRelative(new Date('2025-01-01T11:59:50Z'), now, 'en')).toBe('now');
    expect(formatRelative(new Date('2025-01-01T11:55:00Z'), now, 'fa')).toBe('۵ دقیقه پیش');
  });
});
