/** The competitors register (seed 27): their products and estimated market share by province. */
import { queryString, request, requestJson, sendJson } from './http';
import type { Page } from './types';

export interface MarketShare {
  province: string;
  percent: number;
  /** The day the estimate was made (YYYY-MM-DD). */
  asOf: string;
}

export interface Competitor {
  id: string;
  name: string;
  products: string[];
  shares: MarketShare[];
  /** The latest estimate per province. */
  currentShares: MarketShare[];
  notes: string;
}

export type CompetitorFields = Pick<Competitor, 'name' | 'products' | 'shares' | 'notes'>;

export async function listCompetitors(filter: {
  q: string;
  province: string;
}): Promise<Competitor[]> {
  const page = await requestJson<Page<Competitor>>(
    `/api/competitors${queryString({ q: filter.q.trim() || null, province: filter.province.trim() || null, limit: 100 })}`,
  );
  return page.items;
}

export function createCompetitor(csrf: string, fields: CompetitorFields): Promise<Competitor> {
  return sendJson('POST', '/api/competitors', csrf, fields);
}

export function updateCompetitor(
  csrf: string,
  id: string,
  fields: CompetitorFields,
): Promise<Competitor> {
  return sendJson('PATCH', `/api/competitors/${id}`, csrf, fields);
}

export async function deleteCompetitor(csrf: string, id: string): Promise<void> {
  await request(`/api/competitors/${id}`, { method: 'DELETE', headers: { 'X-CSRF-Token': csrf } });
}
