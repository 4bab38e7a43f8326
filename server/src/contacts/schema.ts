import { z } from 'zod';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { phoneSchema } from '../core/phone.js';
import { SEGMENTS } from './model.js';

const fieldKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ and - (no dots or $)');

const contactFields = {
  name: z.string().trim().max(120),
  phones: z
    .array(z.strictObject({ number: phoneSchema, label: z.string().max(30).default('mobile') }))
    .max(10),
  emails: z
    .array(
      z
        .email()
        .max(200)
        .transform((e) => e.toLowerCase()),
    )
    .max(10),
  province: z.string().trim().max(60),
  city: z.string().trim().max(60),
  address: z.string().trim().max(500),
  segment: z.enum(SEGMENTS),
  heardFrom: z.string().trim().max(60),
  assignedExpert: objectId.nullable(),
  clubNumber: z.string().trim().max(40).nullable(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30),
  customFields: z
    .record(fieldKey, z.string().max(500))
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 fields'),
  locale: z.enum(['fa', 'en']),
  notes: z.string().max(5000),
};

export const createContactBody = z
  .strictObject(contactFields)
  .partial()
  .refine(
    (c) => c.name || c.phones?.length || c.emails?.length,
    'give at least a name, a phone or an email',
  );
export const updateContactBody = z.strictObject(contactFields).partial();

export const searchContactsQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  segment: z.enum(SEGMENTS).optional(),
  assignedExpert: objectId.optional(),
  province: z.string().max(60).optional(),
  tag: z.string().max(40).optional(),
});

export const mergeContactsBody = z.strictObject({ sourceId: objectId });
export const idParams = z.strictObject({ id: objectId });
