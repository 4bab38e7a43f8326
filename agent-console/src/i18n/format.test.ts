import { describe, expect, it } from 'vitest';
import { formatDate, formatList } from './format';

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
});
