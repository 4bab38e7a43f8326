/** Sales and service dealers: the network that repairs and visits on site. */
import { queryString, requestJson, sendJson } from './http';
import type { Page } from './types';

export interface NearbyDealer {
  id: string;
  code: string;
  name: string;
  province: string;
  city: string;
  address: string;
  phone: string | null;
  /** How the dealer matched the customer's place. */
  match: 'city' | 'province' | 'other';
  distanceKm: number | null;
}

/** Active service dealers for a customer's place: same city, then same province, then the rest. */
export async function nearestServiceDealers(
  place: { province: string; city: string },
  limit = 3,
): Promise<NearbyDealer[]> {
  const { items } = await requestJson<{ items: NearbyDealer[] }>(
    `/api/dealers/nearest${queryString({ province: place.province || null, city: place.city || null, limit })}`,
  );
  return items;
}

export type DealerKind = 'sales' | 'service';
export type DealerStatus = 'active' | 'suspended' | 'terminated';
export const DEALER_STATUSES: DealerStatus[] = ['active', 'suspended', 'terminated'];

export interface Dealer {
  id: string;
  code: string;
  name: string;
  kinds: DealerKind[];
  province: string;
  city: string;
  address: string;
  phone: string | null;
  status: DealerStatus;
  contractStart: string | null;
  contractEnd: string | null;
  workplaceCondition: string;
  needs: string;
  history: Array<{ at: string | null; note: string; by: string | null }>;
}

export type DealerFields = Omit<Dealer, 'id' | 'history'>;

export interface Technician {
  id: string;
  name: string;
  phone: string | null;
  active: boolean;
  certifications: Array<{
    title: string;
    issuedAt: string;
    expiresAt: string | null;
    valid: boolean;
  }>;
}

export type InspectionStatus = 'planned' | 'done' | 'missed' | 'canceled';

export interface Inspection {
  id: string;
  status: InspectionStatus;
  plannedAt: string;
  doneAt: string | null;
  score: number | null;
  findings: string;
  actions: string;
}

export interface DealerRecord extends Dealer {
  technicians: Technician[];
  inspections: Inspection[];
  scoreTrend: { average: number | null; last: number | null; change: number | null };
}

export interface DealerFilter {
  q: string;
  status: DealerStatus | '';
}

export async function listDealers(filter: DealerFilter): Promise<Dealer[]> {
  const page = await requestJson<Page<Dealer>>(
    `/api/dealers${queryString({ q: filter.q.trim() || null, status: filter.status || null, limit: 100 })}`,
  );
  return page.items;
}

export function getDealerRecord(id: string): Promise<DealerRecord> {
  return requestJson(`/api/dealers/${id}`);
}

export function createDealer(csrf: string, fields: DealerFields): Promise<Dealer> {
  return sendJson('POST', '/api/dealers', csrf, fields);
}

export function updateDealer(
  csrf: string,
  id: string,
  fields: Partial<Omit<DealerFields, 'code'>>,
): Promise<Dealer> {
  return sendJson('PATCH', `/api/dealers/${id}`, csrf, fields);
}

export function addTechnician(
  csrf: string,
  dealerId: string,
  fields: { name: string; phone: string | null },
): Promise<Technician> {
  return sendJson('POST', `/api/dealers/${dealerId}/technicians`, csrf, fields);
}

export function updateTechnician(
  csrf: string,
  dealerId: string,
  technicianId: string,
  fields: { active: boolean },
): Promise<Technician> {
  return sendJson('PATCH', `/api/dealers/${dealerId}/technicians/${technicianId}`, csrf, fields);
}

export function planInspection(
  csrf: string,
  dealerId: string,
  plannedAt: string,
): Promise<Inspection> {
  return sendJson('POST', `/api/dealers/${dealerId}/inspections`, csrf, { plannedAt });
}

export function recordInspection(
  csrf: string,
  dealerId: string,
  inspectionId: string,
  result: { doneAt: string; score: number; findings: string; actions: string },
): Promise<Inspection> {
  return sendJson('PATCH', `/api/dealers/${dealerId}/inspections/${inspectionId}`, csrf, {
    ...result,
    status: 'done',
  });
}

export async function dealerTechnicians(dealerId: string): Promise<Technician[]> {
  const { items } = await requestJson<{ items: Technician[] }>(
    `/api/dealers/${dealerId}/technicians`,
  );
  return items;
}
