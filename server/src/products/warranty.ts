import { isoDay, localDay } from '../core/dates.js';

export interface WarrantySettings {
  guaranteeMonths: number;
  warrantyYears: number;
  timeZone: string;
}

export type CoverageState = 'gold-guarantee' | 'warranty' | 'out-of-warranty' | 'not-delivered';

export interface Coverage {
  state: CoverageState;
  /** Last covered calendar day of the gold guarantee, null until the unit is delivered. */
  guaranteeEndsOn: string | null;
  /** Last covered calendar day of the warranty. */
  warrantyEndsOn: string;
}

/**
 * N months after a calendar date; a day that does not exist in the target month rolls into
 * the next (29 Feb + 12 months = 1 Mar), which keeps 28 Feb covered in a non-leap year.
 */
function lastCoveredDay(start: Date, months: number): string {
  const endExclusive = Date.UTC(
    start.getUTCFullYear(),
    start.getUTCMonth() + months,
    start.getUTCDate(),
  );
  return isoDay(new Date(endExclusive - 24 * 3600 * 1000));
}

/** Guarantee and warranty are derived from the dates every time, never stored (so never stale). */
export function coverage(
  unit: { productionDate: Date; deliveryDate?: Date | null },
  now: Date,
  s: WarrantySettings,
): Coverage {
  const today = localDay(now, s.timeZone);
  const warrantyEndsOn = lastCoveredDay(unit.productionDate, s.warrantyYears * 12);
  const guaranteeEndsOn = unit.deliveryDate
    ? lastCoveredDay(unit.deliveryDate, s.guaranteeMonths)
    : null;
  let state: CoverageState;
  if (guaranteeEndsOn && today <= guaranteeEndsOn) state = 'gold-guarantee';
  else if (today > warrantyEndsOn) state = 'out-of-warranty';
  else state = unit.deliveryDate ? 'warranty' : 'not-delivered';
  return { state, guaranteeEndsOn, warrantyEndsOn };
}
