import { isoDay } from '../core/dates.js';
import type { CompetitorDoc } from './model.js';
import { currentShares } from './service.js';

export function presentCompetitor(c: CompetitorDoc) {
  const shares = (c.shares ?? []).map((s) => ({
    province: s.province ?? '',
    percent: s.percent ?? 0,
    asOf: new Date(s.asOf ?? 0),
  }));
  const view = (s: (typeof shares)[number]) => ({
    province: s.province,
    percent: s.percent,
    asOf: isoDay(s.asOf),
  });
  return {
    id: String(c._id),
    name: c.name,
    products: c.products ?? [],
    shares: shares.map(view),
    currentShares: currentShares(shares).map(view),
    notes: c.notes,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
