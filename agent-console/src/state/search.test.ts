import type { TicketSummary } from '@cc/shared';
import { describe, expect, it } from 'vitest';
import { looksLikeSerial, mergeTickets } from './search';

describe('search', () => {
  it('tries a serial only for text shaped like one', () => {
    expect(looksLikeSerial('drp50-000123')).toBe(true);
    expect(looksLikeSerial('Ali')).toBe(false);
    expect(looksLikeSerial('0912 345')).toBe(false);
    expect(looksLikeSerial('12')).toBe(false);
  });

  it('merges ticket results once each, newest change first', () => {
    const t = (id: string, updatedAt: string) => ({ id, updatedAt }) as TicketSummary;
    expect(
      mergeTickets([t('a', '2026-01-01'), t('b', '2026-01-03')], [t('a', '2026-01-01')]).map(
        (x) => x.id,
      ),
    ).toEqual(['b', 'a']);
  });
});
