import { z } from 'zod';
import { objectId } from '../core/http/pagination.js';
import { toLatinDigits } from '../core/phone.js';
import { serial } from '../products/schema.js';

const lastFourDigits = z
  .string()
  .max(10)
  .transform((s) => toLatinDigits(s).trim())
  .pipe(z.string().regex(/^\d{4}$/, 'the last four digits of the phone number'));

export const lookupBody = z.strictObject({
  serial,
  phoneLast4: lastFourDigits.optional(),
});

export const PORTAL_REQUEST_KINDS = ['guarantee-claim', 'service-request', 'callback'] as const;

export const portalRequestBody = z.strictObject({
  kind: z.enum(PORTAL_REQUEST_KINDS),
  description: z.string().trim().min(5).max(4000),
  /** Chosen by the page once per form, so a retried submit does not file the request twice. */
  requestId: z.uuid(),
  locale: z.enum(['fa', 'en']).optional(),
});
export type PortalRequestBody = z.infer<typeof portalRequestBody>;

export const photoParams = z.strictObject({ ticketId: objectId });
export const photoQuery = z.strictObject({ name: z.string().trim().min(1).max(200).optional() });
