import { describe, expect, it } from 'vitest';
import { coverage } from './warranty.js';

const settings = { guaranteeMonths: 12, warrantyYears: 10, timeZone: 'Asia/Tehran' };
const d = (s: string) => new Date(`${s}T00:00:00Z`);
/** Noon in Tehran on a calendar day. */
const at = (s: string) => new Date(`${s}T08:30:00Z`);

describe('coverage (derived guarantee and warranty)', () => {
  const unit = { productionDate: d('2020-03-10'), deliveryDate: d('2024-05-20') };

  it('is gold guarantee up to and including the last day of the 12th month', () => {
    expect(coverage(unit, at('2024-05-20'), settings)).toEqual({
      state: 'gold-guarantee',
      guaranteeEndsOn: '2025-05-19',
      warrantyEndsOn: '2030-03-09',
    });
    expect(coverage(unit, at('2025-05-19'), settings).state).toBe('gold-guarantee');
    expect(coverage(unit, at('2025-05-20'), settings).state).toBe('warranty');
  });

  it('is warranty until the last day of the 10th year from production, then out of warranty', () => {
    expect(coverage(unit, at('2030-03-09'), settings).state).toBe('warranty');
    expect(coverage(unit, at('2030-03-10'), settings).state).toBe('out-of-warranty');
  });

  it('uses the Tehran calendar day, not the UTC one', () => {
    // 21:00 UTC on 19 May is already 20 May in Tehran (+03:30): the guarantee has ended.
    expect(coverage(unit, new Date('2025-05-19T21:00:00Z'), settings).state).toBe('warranty');
    expect(coverage(unit, new Date('2025-05-19T20:00:00Z'), settings).state).toBe('gold-guarantee');
  });

  it('handles a leap-day delivery: covered through 28 February of the next year', () => {
    const leap = { productionDate: d('2023-11-01'), deliveryDate: d('2024-02-29') };
    expect(coverage(leap, at('2025-02-28'), settings)).toMatchObject({
      state: 'gold-guarantee',
      guaranteeEndsOn: '2025-02-28',
    });
    expect(coverage(leap, at('2025-03-01'), settings).state).toBe('warranty');
  });

  it('has no guarantee yet without a delivery date', () => {
    const stock = { productionDate: d('2024-01-15'), deliveryDate: null };
    expect(coverage(stock, at('2024-06-01'), settings)).toEqual({
      state: 'not-delivered',
      guaranteeEndsOn: null,
      warrantyEndsOn: '2034-01-14',
    });
  });

  it('keeps the gold guarantee even when delivered late in the warranty period', () => {
    const late = { productionDate: d('2015-01-01'), deliveryDate: d('2024-12-01') };
    expect(coverage(late, at('2025-06-01'), settings).state).toBe('gold-guarantee');
    expect(coverage(late, at('2025-12-01'), settings).state).toBe('out-of-warranty');
  });

  it('follows configured periods', () => {
    const s = { ...settings, guaranteeMonths: 18, warrantyYears: 5 };
    expect(coverage(unit, at('2025-11-19'), s)).toMatchObject({
      state: 'gold-guarantee',
      guaranteeEndsOn: '2025-11-19',
    });
    expect(coverage(unit, at('2025-11-20'), s).state).toBe('out-of-warranty');
  });
});
