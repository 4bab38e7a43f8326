import { z } from 'zod';
import { dateOnly } from '../core/dates.js';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { phoneSchema } from '../core/phone.js';

export const DEALER_KINDS = ['sales', 'service'] as const;
export const DEALER_STATUSES = ['active', 'suspended', 'terminated'] as const;
export const INSPECTION_STATUSES = ['planned', 'done', 'missed', 'canceled'] as const;

const place = z.string().trim().min(1).max(60);

export const coordinates = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

const dealerFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,20}$/, 'letters, digits and dashes')
    .transform((s) => s.toUpperCase()),
  name: z.string().trim().min(1).max(160),
  kinds: z
    .array(z.enum(DEALER_KINDS))
    .min(1)
    .max(2)
    .refine((k) => new Set(k).size === k.length, 'each kind once')
    .describe('sales, service or both'),
  province: place,
  city: place,
  address: z.string().trim().max(500),
  phone: phoneSchema.nullable(),
  location: coordinates.nullable(),
  region: z.string().trim().max(60),
  status: z.enum(DEALER_STATUSES),
  contractStart: dateOnly.nullable(),
  contractEnd: dateOnly.nullable(),
  workplaceCondition: z.string().trim().max(2000),
  needs: z.string().trim().max(2000),
};

export const createDealerBody = z
  .strictObject(dealerFields)
  .partial()
  .required({ code: true, name: true, kinds: true, province: true, city: true });
export const updateDealerBody = z.strictObject(dealerFields).omit({ code: true }).partial();

export const historyEntryBody = z.strictObject({
  note: z.string().trim().min(1).max(2000),
  at: dateOnly.optional(),
});

export const listDealersQuery = z.strictObject({
  ...pageQuery,
  province: z.string().trim().max(60).optional(),
  city: z.string().trim().max(60).optional(),
  status: z.enum(DEALER_STATUSES).optional(),
  kind: z.enum(DEALER_KINDS).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();

export const nearestQuery = z
  .strictObject({
    province: z.string().trim().max(60).optional(),
    city: z.string().trim().max(60).optional(),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    limit: z.coerce.number().int().min(1).max(50).default(5),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    message: 'give lat and lng together',
    path: ['lat'],
  })
  .refine((q) => q.province || q.city || q.lat !== undefined, {
    message: "give the customer's province, city or coordinates",
    path: ['city'],
  });

const technicianFields = {
  name: z.string().trim().min(1).max(120),
  phone: phoneSchema.nullable(),
  trainings: z
    .array(z.strictObject({ title: z.string().trim().min(1).max(200), date: dateOnly }))
    .max(100),
  certifications: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(200),
        issuedAt: dateOnly,
        expiresAt: dateOnly.nullable().default(null),
      }),
    )
    .max(100),
  active: z.boolean(),
};
export const createTechnicianBody = z
  .strictObject(technicianFields)
  .partial()
  .required({ name: true });
export const updateTechnicianBody = z.strictObject(technicianFields).partial();

const checklistItem = z.strictObject({
  item: z.string().trim().min(1).max(200),
  ok: z.boolean(),
  note: z.string().trim().max(1000).default(''),
});

const inspectionFields = {
  plannedAt: dateOnly,
  doneAt: dateOnly.nullable(),
  status: z.enum(INSPECTION_STATUSES),
  inspector: objectId.nullable(),
  checklist: z.array(checklistItem).max(100),
  score: z.number().int().min(0).max(100).nullable(),
  findings: z.string().trim().max(5000),
  actions: z.string().trim().max(5000),
};
export const createInspectionBody = z
  .strictObject(inspectionFields)
  .partial()
  .required({ plannedAt: true });
export const updateInspectionBody = z.strictObject(inspectionFields).partial();

export const listInspectionsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(INSPECTION_STATUSES).optional(),
});

export const idParams = z.strictObject({ id: objectId });
export const technicianParams = z.strictObject({ id: objectId, technicianId: objectId });
export const inspectionParams = z.strictObject({ id: objectId, inspectionId: objectId });
