import { z } from 'zod';
import { dateOnly } from '../core/dates.js';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { serial } from '../products/schema.js';

export const visitParams = z.strictObject({ id: objectId });
export const unitSerialParams = z.strictObject({ serial });

export const visitPlanBody = z.strictObject({
  everyMonths: z.number().int().min(1).max(24),
  /** How many future visits to plan. */
  count: z.number().int().min(1).max(20).default(4),
  technician: objectId,
});

export const updateVisitBody = z
  .strictObject({
    plannedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    technician: objectId,
    status: z.enum(['missed', 'canceled']),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

const faultCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{1,20}$/, 'fault codes are letters, digits and dashes');

export const visitReportBody = z.strictObject({
  workDone: z.string().trim().min(3).max(4000),
  partsUsed: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  faultCodes: z.array(faultCode).max(20).default([]),
  outcome: z.enum(['fixed', 'needs-parts', 'needs-follow-up', 'no-fault-found', 'not-home']),
  customerSignatureName: z.string().trim().min(2).max(120),
  doneOn: dateOnly.optional(),
});
export type VisitReportBody = z.infer<typeof visitReportBody>;

export const listVisitsQuery = z.strictObject({
  ...pageQuery,
  unit: objectId.optional(),
  technician: objectId.optional(),
  dealer: objectId.optional(),
  status: z.enum(['planned', 'done', 'missed', 'canceled']).optional(),
});
