import { z } from 'zod';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { FEEDBACK_TYPES, REVIEW_STATES } from './model.js';

export const feedbackParams = z.strictObject({ id: objectId });

export const updateFeedbackBody = z
  .strictObject({
    category: z.string().trim().max(80),
    rootCause: z.string().trim().max(2000),
    correctiveAction: z.string().trim().max(2000),
    owner: objectId.nullable(),
    reviewState: z.enum(REVIEW_STATES),
    note: z.string().trim().max(1000),
  })
  .partial()
  .refine((b) => Object.keys(b).some((k) => k !== 'note'), 'change at least one field');
export type UpdateFeedbackBody = z.infer<typeof updateFeedbackBody>;

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const listFeedbackQuery = z.strictObject({
  ...pageQuery,
  type: csvOf(FEEDBACK_TYPES).optional(),
  reviewState: csvOf(REVIEW_STATES).optional(),
  owner: objectId.optional(),
  category: z.string().trim().max(80).optional(),
});
