import { describe, expect, it } from 'vitest';
import { formatWeekly, parseWeekly } from './hours';

describe('weekly hours text', () => {
  it('round-trips lines of "day open-close" and rejects anything else', () => {
    const weekly = [
      { day: 6, open: '08:00', close: '17:00' },
      { day: 0, open: '08:00', close: '12:30' },
    ];
    expect(parseWeekly(formatWeekly(weekly))).toEqual(weekly);
    expect(parseWeekly('  6 08:00 - 17:00\n\n')).toEqual([weekly[0]]);
    expect(parseWeekly('Saturday 8-17')).toBeNull();
    expect(parseWeekly('7 08:00-17:00')).toBeNull();
  });
});
