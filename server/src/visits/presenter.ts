import type { VisitDoc } from './model.js';

export function presentVisit(v: VisitDoc) {
  return {
    id: String(v._id),
    unit: v.unit ? String(v.unit) : null,
    contact: v.contact ? String(v.contact) : null,
    dealer: v.dealer ? String(v.dealer) : null,
    technician: v.technician ? String(v.technician) : null,
    plannedAt: v.plannedAt.toISOString(),
    status: v.status,
    report:
      v.status === 'done'
        ? {
            workDone: v.report?.workDone ?? '',
            partsUsed: v.report?.partsUsed ?? [],
            faultCodes: v.report?.faultCodes ?? [],
            outcome: v.report?.outcome ?? '',
            customerSignatureName: v.report?.customerSignatureName ?? '',
            doneAt: v.report?.doneAt ? v.report.doneAt.toISOString() : null,
          }
        : null,
  };
}
