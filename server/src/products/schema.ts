import { z } from 'zod';
import { dateOnly } from '../core/dates.js';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { toLatinDigits } from '../core/phone.js';
import { DOCUMENT_KINDS } from './model.js';

export const serial = z
  .string()
  .max(60)
  .transform((s) => toLatinDigits(s).trim().toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]{3,39}$/, 'serial numbers are 4-40 letters, digits and dashes'),
  );

const productFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,30}$/, 'letters, digits and dashes')
    .transform((s) => s.toUpperCase()),
  name: z.strictObject({
    fa: z.string().trim().min(1).max(120),
    en: z.string().trim().min(1).max(120),
  }),
  category: z.string().trim().max(60),
  specifications: z
    .array(z.strictObject({ name: z.string().max(80), value: z.string().max(200) }))
    .max(100),
  documents: z
    .array(
      z.strictObject({
        kind: z.enum(DOCUMENT_KINDS),
        title: z.string().max(200),
        url: z
          .string()
          .max(500)
          .regex(/^(https?:\/\/|\/)/, 'an http(s) URL or a path on this site'),
        locale: z.enum(['fa', 'en']).default('fa'),
      }),
    )
    .max(50),
  faultCodes: z
    .array(
      z.strictObject({
        code: z.string().max(20),
        description: z.strictObject({ fa: z.string().max(300), en: z.string().max(300) }),
      }),
    )
    .max(500),
  active: z.boolean(),
};
export const createProductBody = z
  .strictObject(productFields)
  .partial()
  .required({ code: true, name: true });
export const updateProductBody = z.strictObject(productFields).omit({ code: true }).partial();

const unitFields = {
  serial,
  productCode: z
    .string()
    .trim()
    .max(30)
    .transform((s) => s.toUpperCase()),
  productionDate: dateOnly,
  deliveryDate: dateOnly.nullable(),
  owner: objectId.nullable(),
  dealer: objectId.nullable(),
  installer: objectId.nullable(),
  notes: z.string().max(2000),
};
export const createUnitBody = z
  .strictObject(unitFields)
  .partial()
  .required({ serial: true, productCode: true, productionDate: true });
export const updateUnitBody = z.strictObject(unitFields).omit({ serial: true }).partial();

export const listUnitsQuery = z.strictObject({
  ...pageQuery,
  productCode: z.string().max(30).optional(),
  owner: objectId.optional(),
  dealer: objectId.optional(),
});
export const serialParams = z.strictObject({ serial });
export const idParams = z.strictObject({ id: objectId });
