/** On-site service visits: periodic plans per unit and the technician's report. */
import { queryString, requestJson, sendJson } from './http';
import type { Page } from './types';

export const VISIT_OUTCOMES = [
  'fixed',
  'needs-parts',
  'needs-follow-up',
  'no-fault-found',
  'not-home',
] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export interface Visit {
  id: string;
  plannedAt: string;
  status: 'planned' | 'done' | 'missed' | 'canceled';
  technician: string | null;
  technicianName: string | null;
  report: {
    workDone: string;
    partsUsed: string[];
    faultCodes: string[];
    outcome: VisitOutcome;
    customerSignatureName: string;
    doneAt: string | null;
  } | null;
}

export interface VisitReport {
  workDone: string;
  partsUsed: string[];
  faultCodes: string[];
  outcome: VisitOutcome;
  customerSignatureName: string;
}

/** A unit's visits in plan order (canceled ones left out). */
export async function listUnitVisits(unitId: string): Promise<Visit[]> {
  const page = await requestJson<Page<Visit>>(
    `/api/visits${queryString({ unit: unitId, limit: 50 })}`,
  );
  return page.items.filter((v) => v.status !== 'canceled');
}

export function reportVisit(csrf: string, visitId: string, report: VisitReport): Promise<Visit> {
  return sendJson('POST', `/api/visits/${visitId}/report`, csrf, report);
}

/** Plans `count` visits every `everyMonths` from delivery (replacing future planned ones). */
export function planUnitVisits(
  csrf: string,
  serial: string,
  plan: { everyMonths: number; count: number; technician: string },
): Promise<{ items: Visit[] }> {
  return sendJson('POST', `/api/units/${encodeURIComponent(serial)}/visit-plan`, csrf, plan);
}
