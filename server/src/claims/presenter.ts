import { isoDay } from '../core/dates.js';
import { NEXT_STEPS, type ClaimDoc, type ClaimStep } from './model.js';

export function presentClaim(c: ClaimDoc) {
  const step = c.step as ClaimStep;
  return {
    ticket: String(c._id),
    step,
    next: [...NEXT_STEPS[step]],
    rejectionReason: c.rejectionReason ?? null,
    shipment: c.shipment ? String(c.shipment) : null,
    trackingNumber: c.trackingNumber ?? null,
    sentAt: c.sentAt ? isoDay(c.sentAt) : null,
    returnedAt: c.returnedAt ? isoDay(c.returnedAt) : null,
    replacementSerial: c.replacementSerial ?? null,
    history: c.history.map((h) => ({
      step: h.step,
      at: h.at.toISOString(),
      by: h.by ? String(h.by) : null,
      note: h.note ?? null,
    })),
  };
}
export type PresentedClaim = ReturnType<typeof presentClaim>;
