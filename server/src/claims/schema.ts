import { z } from 'zod';
import { dateOnly } from '../core/dates.js';
import { objectId } from '../core/http/pagination.js';
import { serial } from '../products/schema.js';
import { CLAIM_STEPS } from './model.js';

export const claimParams = z.strictObject({ id: objectId });

export const advanceClaimBody = z.strictObject({
  to: z.enum(CLAIM_STEPS).exclude(['review']),
  note: z.string().trim().max(1000).optional(),
  /** Required when rejecting: sent to the customer. */
  reason: z.string().trim().min(3).max(1000).optional(),
  /** Sending to the factory: the carrier's tracking number and the day it left. */
  trackingNumber: z.string().trim().min(3).max(60).optional(),
  sentAt: dateOnly.optional(),
  /** Back from the factory: the day it came back; a replacement's serial. */
  returnedAt: dateOnly.optional(),
  replacementSerial: serial.optional(),
});
export type AdvanceClaimBody = z.infer<typeof advanceClaimBody>;
