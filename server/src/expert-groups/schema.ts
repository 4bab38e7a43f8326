import { z } from 'zod';
import { objectId } from '../core/http/pagination.js';

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'time as HH:mm');
const localized = z.strictObject({
  fa: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
});

export const businessHours = z.strictObject({
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone')
    .default('Asia/Tehran'),
  alwaysOpen: z.boolean().default(false),
  weekly: z
    .array(z.strictObject({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm }))
    .max(28)
    .default([])
    .refine((ws) => ws.every((w) => w.open < w.close), 'each interval must open before it closes'),
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'))
    .max(400)
    .default([]),
});

const groupFields = {
  slug: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lowercase letters, digits and dashes'),
  name: localized,
  description: z.strictObject({ fa: z.string().max(500), en: z.string().max(500) }).partial(),
  topics: z.array(z.string().trim().min(1).max(60)).max(30),
  productModels: z.array(z.string().trim().min(1).max(40)).max(200),
  languages: z.array(z.enum(['fa', 'en'])).max(2),
  channels: z.array(z.enum(['webchat', 'sms', 'email', 'voice', 'portal'])).max(5),
  businessHours,
  sla: z.strictObject({
    firstResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30),
    resolutionMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
    warningPercent: z.number().int().min(1).max(99),
  }),
  defaultMaxConcurrent: z.number().int().min(0).max(100),
  overflowGroup: objectId.nullable(),
  overflowAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  isDefault: z.boolean(),
  active: z.boolean(),
};

export const createGroupBody = z
  .strictObject(groupFields)
  .partial()
  .required({ slug: true, name: true });
export const updateGroupBody = z.strictObject(groupFields).partial();
export const idParams = z.strictObject({ id: objectId });
