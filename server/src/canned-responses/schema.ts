import { z } from 'zod';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { CANNED_LOCALES, CANNED_PLACEHOLDERS, CANNED_SCOPES } from './model.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders in a body that the console cannot fill (a typo would reach the customer as is). */
export function unknownPlaceholders(body: string): string[] {
  const known = CANNED_PLACEHOLDERS as readonly string[];
  return [...body.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.includes(name));
}

const body = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .refine((text) => unknownPlaceholders(text).length === 0, {
    message: `unknown placeholder; use ${CANNED_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
  });

const fields = {
  title: z.string().trim().min(1).max(120),
  body,
  locale: z.enum(CANNED_LOCALES),
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'lowercase letters, digits, _ and - (up to 30)'),
  scope: z.enum(CANNED_SCOPES),
};

export const createCannedResponseBody = z.strictObject({
  ...fields,
  scope: fields.scope.default('personal'),
});
export const updateCannedResponseBody = z.strictObject(fields).partial();

export const listCannedResponsesQuery = z.strictObject({
  ...pageQuery,
  /** Part of the title or the shortcut (a leading "/" is ignored). */
  q: z.string().trim().max(100).optional(),
  locale: z.enum(CANNED_LOCALES).optional(),
  scope: z.enum(CANNED_SCOPES).optional(),
});

export const idParams = z.strictObject({ id: objectId });
