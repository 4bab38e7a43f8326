import { z } from 'zod';
import { TICKET_TYPES } from '@cc/shared';
import { objectId } from '../core/http/pagination.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date as YYYY-MM-DD');
const token = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, 'a plain name');

export const PERIODS = ['today', '7d', '30d', 'month', 'custom'] as const;
export type PeriodPreset = (typeof PERIODS)[number];

/** The longest custom period: a year of rollups is about 365 reads. */
export const MAX_DAYS = 366;

export const reportFields = {
  period: z.enum(PERIODS).default('7d'),
  /** Local (Asia/Tehran) days, both included; only with period=custom. */
  from: day.optional(),
  to: day.optional(),
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/)
    .optional(),
  direction: z.enum(['in', 'out']).optional(),
  group: objectId.optional(),
  expert: objectId.optional(),
  type: z.enum(TICKET_TYPES).optional(),
  productModel: token.optional(),
  province: z.string().min(1).max(64).optional(),
};

const customNeedsRange = (q: { period: PeriodPreset; from?: string; to?: string }) =>
  q.period !== 'custom' || (!!q.from && !!q.to && q.from <= q.to);

export const reportQuery = z.strictObject(reportFields).refine(customNeedsRange, {
  message: 'a custom period needs from <= to (YYYY-MM-DD)',
  path: ['from'],
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const REPORT_TABLES = [
  'volume-by-channel',
  'volume-by-day',
  'heatmap',
  'speed',
  'breaches',
  'queue',
  'experts',
  'satisfaction-distribution',
  'satisfaction-trend',
  'comments',
  'claims',
  'pareto',
  'complaint-checks',
  'complaint-comments',
  'campaigns',
  'claim-steps',
  'claim-outcomes',
  'claim-time-to-close',
  'factory',
  'service-requests',
  'inspections',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const exportQuery = z
  .strictObject({ ...reportFields, table: z.enum(REPORT_TABLES) })
  .refine(customNeedsRange, {
    message: 'a custom period needs from <= to (YYYY-MM-DD)',
    path: ['from'],
  });

export const rebuildBody = z
  .strictObject({ from: day, to: day })
  .refine((b) => b.from <= b.to, { message: 'from must not be after to', path: ['from'] });
