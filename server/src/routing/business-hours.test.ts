import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpening,
  type BusinessHours,
} from './business-hours.js';

// Asia/Tehran is UTC+03:30 all year: local 08:00 = 04:30Z, 17:00 = 13:30Z, 13:00 = 09:30Z.
// June 2025: Sat 7, Thu 12, Fri 13, Sat 14, Sun 15, Mon 16, Tue 17, Wed 18 (holiday), Thu 19.
const SAT = 6;
const SUN = 0;
const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;

const tehran: BusinessHours = {
  timezone: 'Asia/Tehran',
  alwaysOpen: false,
  weekly: [
    ...[SAT, SUN, MON, TUE, WED].map((day) => ({ day, open: '08:00', close: '17:00' })),
    { day: THU, open: '08:00', close: '13:00' },
  ],
  holidays: ['2025-06-18'],
};

const closed: BusinessHours = {
  timezone: 'Asia/Tehran',
  alwaysOpen: false,
  weekly: [],
  holidays: [],
};
const allDay: BusinessHours = { ...closed, alwaysOpen: true };

const at = (iso: string) => new Date(iso);
const add = (hours: BusinessHours, start: string, minutes: number) =>
  addBusinessMinutes(hours, at(start), minutes)?.toISOString() ?? null;
const between = (hours: BusinessHours, from: string, to: string) =>
  businessMinutesBetween(hours, at(from), at(to));

describe('isOpenAt', () => {
  it('is open from the opening minute and closed from the closing minute', () => {
    expect(isOpenAt(tehran, at('2025-06-14T04:29:00Z'))).toBe(false); // Sat 07:59
    expect(isOpenAt(tehran, at('2025-06-14T04:30:00Z'))).toBe(true); // Sat 08:00
    expect(isOpenAt(tehran, at('2025-06-14T13:29:59Z'))).toBe(true); // Sat 16:59:59
    expect(isOpenAt(tehran, at('2025-06-14T13:30:00Z'))).toBe(false); // Sat 17:00
    expect(isOpenAt(tehran, at('2025-06-12T09:29:00Z'))).toBe(true); // Thu 12:59
    expect(isOpenAt(tehran, at('2025-06-12T09:30:00Z'))).toBe(false); // Thu 13:00
  });

  it('is closed on Friday and on holidays', () => {
    expect(isOpenAt(tehran, at('2025-06-13T06:30:00Z'))).toBe(false); // Fri 10:00
    expect(isOpenAt(tehran, at('2025-06-11T06:30:00Z'))).toBe(true); // ordinary Wed 10:00
    expect(isOpenAt(tehran, at('2025-06-18T06:30:00Z'))).toBe(false); // holiday Wed 10:00
  });

  it('uses the local date, not the UTC date', () => {
    // 2025-06-12T22:00Z is already Friday 01:30 in Tehran.
    const nights: BusinessHours = {
      ...closed,
      weekly: [{ day: 5, open: '00:00', close: '02:00' }],
    };
    expect(isOpenAt(nights, at('2025-06-12T22:00:00Z'))).toBe(true);
    expect(isOpenAt(nights, at('2025-06-13T22:00:00Z'))).toBe(false); // Saturday 01:30
  });

  it('handles 24/7 and empty schedules', () => {
    expect(isOpenAt(allDay, at('2025-06-13T06:30:00Z'))).toBe(true);
    expect(isOpenAt(closed, at('2025-06-14T06:30:00Z'))).toBe(false);
  });
});

describe('nextOpening', () => {
  it('returns the instant itself when open', () => {
    expect(nextOpening(tehran, at('2025-06-14T06:30:00Z'))?.toISOString()).toBe(
      '2025-06-14T06:30:00.000Z',
    );
  });

  it('returns the next opening across the weekend and a holiday', () => {
    // Thu 13:00 → Sat 08:00
    expect(nextOpening(tehran, at('2025-06-12T09:30:00Z'))?.toISOString()).toBe(
      '2025-06-14T04:30:00.000Z',
    );
    // Tue 17:00 → (Wed holiday) → Thu 08:00
    expect(nextOpening(tehran, at('2025-06-17T13:30:00Z'))?.toISOString()).toBe(
      '2025-06-19T04:30:00.000Z',
    );
  });

  it('returns null when nothing ever opens', () => {
    expect(nextOpening(closed, at('2025-06-14T06:30:00Z'))).toBeNull();
  });
});

describe('addBusinessMinutes', () => {
  it('adds within a day', () => {
    expect(add(tehran, '2025-06-15T05:30:00Z', 90)).toBe('2025-06-15T07:00:00.000Z'); // Sun 09:00 → 10:30
  });

  it('carries over the night', () => {
    // Sun 16:00 + 120: 60 on Sunday, 60 on Monday from 08:00 → Mon 09:00
    expect(add(tehran, '2025-06-15T12:30:00Z', 120)).toBe('2025-06-16T05:30:00.000Z');
  });

  it('skips the Thursday afternoon and Friday', () => {
    // Thu 12:00 + 120: 60 on Thursday, 60 on Saturday → Sat 09:00
    expect(add(tehran, '2025-06-12T08:30:00Z', 120)).toBe('2025-06-14T05:30:00.000Z');
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(add(tehran, '2025-06-13T06:30:00Z', 30)).toBe('2025-06-14T05:00:00.000Z'); // Fri 10:00 → Sat 08:30
    expect(add(tehran, '2025-06-15T01:30:00Z', 60)).toBe('2025-06-15T05:30:00.000Z'); // Sun 05:00 → Sun 09:00
  });

  it('skips holidays', () => {
    // Tue 16:00 + 120: 60 on Tuesday, Wednesday is a holiday, 60 on Thursday → Thu 09:00
    expect(add(tehran, '2025-06-17T12:30:00Z', 120)).toBe('2025-06-19T05:30:00.000Z');
  });

  it('always lands on an open instant', () => {
    // Thu 12:00 + 60 runs out exactly at the Thursday closing → Sat 08:00
    expect(add(tehran, '2025-06-12T08:30:00Z', 60)).toBe('2025-06-14T04:30:00.000Z');
    expect(add(tehran, '2025-06-14T06:30:00Z', 0)).toBe('2025-06-14T06:30:00.000Z');
    expect(add(tehran, '2025-06-13T06:30:00Z', 0)).toBe('2025-06-14T04:30:00.000Z');
  });

  it('adds plainly when always open', () => {
    expect(add(allDay, '2025-06-13T06:30:00Z', 1000)).toBe('2025-06-13T23:10:00.000Z');
  });

  it('returns null for a schedule without open time', () => {
    expect(add(closed, '2025-06-13T06:30:00Z', 10)).toBeNull();
    const onlyHolidays: BusinessHours = {
      ...closed,
      weekly: [{ day: MON, open: '09:00', close: '10:00' }],
      holidays: ['2025-06-16'],
    };
    // Mon 2025-06-16 is a holiday; the next Monday is fine.
    expect(add(onlyHolidays, '2025-06-15T00:00:00Z', 30)).toBe('2025-06-23T06:00:00.000Z');
  });

  it('rejects negative minutes', () => {
    expect(() => addBusinessMinutes(tehran, at('2025-06-14T06:30:00Z'), -1)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts the same cases as addBusinessMinutes', () => {
    expect(between(tehran, '2025-06-15T05:30:00Z', '2025-06-15T07:00:00Z')).toBe(90);
    expect(between(tehran, '2025-06-15T12:30:00Z', '2025-06-16T05:30:00Z')).toBe(120);
    expect(between(tehran, '2025-06-12T08:30:00Z', '2025-06-14T05:30:00Z')).toBe(120);
    expect(between(tehran, '2025-06-13T06:30:00Z', '2025-06-14T05:00:00Z')).toBe(30);
    expect(between(tehran, '2025-06-17T12:30:00Z', '2025-06-19T05:30:00Z')).toBe(120);
    expect(between(allDay, '2025-06-13T06:30:00Z', '2025-06-13T23:10:00Z')).toBe(1000);
    expect(between(closed, '2025-06-01T00:00:00Z', '2025-09-01T00:00:00Z')).toBe(0);
  });

  it('is 0 for empty or reversed ranges', () => {
    expect(between(tehran, '2025-06-15T07:00:00Z', '2025-06-15T07:00:00Z')).toBe(0);
    expect(between(tehran, '2025-06-15T07:00:00Z', '2025-06-15T05:30:00Z')).toBe(0);
    expect(between(allDay, '2025-06-15T07:00:00Z', '2025-06-15T05:30:00Z')).toBe(0);
  });

  it('splits days at local midnight, not UTC midnight', () => {
    // 20:00Z–21:00Z is Sun 23:30 → Mon 00:30 in Tehran.
    const evenings: BusinessHours = {
      ...closed,
      weekly: [
        { day: SUN, open: '20:00', close: '24:00' },
        { day: MON, open: '00:00', close: '00:15' },
      ],
    };
    expect(between(evenings, '2025-06-15T20:00:00Z', '2025-06-15T21:00:00Z')).toBe(30 + 15);
    expect(between(tehran, '2025-06-15T20:00:00Z', '2025-06-15T21:00:00Z')).toBe(0);
  });

  it('counts a 90-day range', () => {
    // Sat 2025-06-07 00:00 Tehran → Fri 2025-09-05 00:00 Tehran: 90 days = 13 Sat–Thu weeks,
    // each 5 × 540 + 300 = 3000 minutes, minus the Wednesday holiday (540).
    expect(between(tehran, '2025-06-06T20:30:00Z', '2025-09-04T20:30:00Z')).toBe(13 * 3000 - 540);
  });

  it('is inverted by addBusinessMinutes for open end points', () => {
    const starts = [
      '2025-06-12T08:30:00Z', // Thu 12:00 (open)
      '2025-06-13T06:30:00Z', // Fri 10:00 (closed)
      '2025-06-17T12:30:00Z', // Tue 16:00, before the holiday
      '2025-06-14T00:00:00Z', // Sat 03:30 (closed)
      '2025-06-14T04:30:00Z', // Sat 08:00 (the end point itself)
    ];
    const ends = [
      '2025-06-14T04:30:00Z', // Sat 08:00, the opening minute
      '2025-06-14T10:17:00Z', // Sat 13:47
      '2025-06-19T09:29:00Z', // Thu 12:59, after the holiday
      '2025-07-02T05:00:00Z', // Wed 08:30, two weeks later
    ];
    for (const start of starts) {
      for (const end of ends.filter((e) => at(e) >= at(start))) {
        expect(isOpenAt(tehran, at(end))).toBe(true);
        const minutes = between(tehran, start, end);
        expect(add(tehran, start, minutes), `${start} → ${end}`).toBe(at(end).toISOString());
      }
    }
  });
});

describe('a zone with daylight saving time (Europe/Berlin)', () => {
  // 2025-03-30 (Sunday): 02:00 CET (+01:00) jumps to 03:00 CEST (+02:00) at 01:00Z.
  // 2025-10-26 (Sunday): 03:00 CEST falls back to 02:00 CET at 01:00Z.
  const office: BusinessHours = {
    timezone: 'Europe/Berlin',
    alwaysOpen: false,
    weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '08:00', close: '17:00' })),
    holidays: [],
  };
  const sundays = (open: string, close: string): BusinessHours => ({
    ...office,
    weekly: [{ day: SUN, open, close }],
  });

  it('uses the new offset after the spring change', () => {
    // Sat 16:00 CET + 120: 60 on Saturday, 60 on Sunday from 08:00 CEST (06:00Z) → 09:00 CEST
    expect(add(office, '2025-03-29T15:00:00Z', 120)).toBe('2025-03-30T07:00:00.000Z');
    expect(between(office, '2025-03-29T07:00:00Z', '2025-03-30T15:00:00Z')).toBe(540 + 540);
    expect(isOpenAt(office, at('2025-03-30T05:59:00Z'))).toBe(false); // 07:59 CEST
    expect(isOpenAt(office, at('2025-03-30T06:00:00Z'))).toBe(true); // 08:00 CEST
  });

  it('counts real elapsed time on the days of change', () => {
    const sunday = sundays('00:00', '24:00');
    expect(between(sunday, '2025-03-29T00:00:00Z', '2025-04-01T00:00:00Z')).toBe(23 * 60);
    expect(between(sunday, '2025-10-25T00:00:00Z', '2025-10-28T00:00:00Z')).toBe(25 * 60);
    // From Sat 22:00 CET, counting starts Sun 00:00 CET (23:00Z); 180 real minutes → 04:00 CEST
    expect(add(sunday, '2025-03-29T21:00:00Z', 180)).toBe('2025-03-30T02:00:00.000Z');
  });

  it('treats skipped wall-clock times as the moment of the jump', () => {
    // 01:30–02:30 is open 01:30–02:00 CET only; the clock then shows 03:00.
    expect(between(sundays('01:30', '02:30'), '2025-03-29T00:00:00Z', '2025-03-31T00:00:00Z')).toBe(
      30,
    );
    expect(between(sundays('02:00', '02:30'), '2025-03-29T00:00:00Z', '2025-03-31T00:00:00Z')).toBe(
      0,
    );
    expect(nextOpening(sundays('02:30', '04:00'), at('2025-03-29T12:00:00Z'))?.toISOString()).toBe(
      '2025-03-30T01:00:00.000Z',
    );
  });

  it('opens through both passes of a repeated hour', () => {
    const repeated = sundays('02:00', '03:00'); // 02:00 CEST (00:00Z) to 03:00 CET (02:00Z)
    expect(isOpenAt(repeated, at('2025-10-26T00:30:00Z'))).toBe(true); // 02:30 CEST
    expect(isOpenAt(repeated, at('2025-10-26T01:30:00Z'))).toBe(true); // 02:30 CET
    expect(isOpenAt(repeated, at('2025-10-26T02:00:00Z'))).toBe(false); // 03:00 CET
    expect(between(repeated, '2025-10-25T00:00:00Z', '2025-10-27T00:00:00Z')).toBe(120);
  });
});
