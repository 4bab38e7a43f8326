import { z } from 'zod';
import { dateOnly } from '../core/dates.js';
import { objectId, pageQuery } from '../core/http/pagination.js';

const share = z.strictObject({
  province: z.string().trim().min(1).max(60),
  percent: z.number().min(0).max(100),
  asOf: dateOnly,
});

const competitorFields = {
  name: z.string().trim().min(1).max(120),
  products: z.array(z.string().trim().min(1).max(120)).max(200),
  shares: z.array(share).max(500),
  notes: z.string().trim().max(5000),
};

export const createCompetitorBody = z
  .strictObject(competitorFields)
  .partial()
  .required({ name: true });
export const updateCompetitorBody = z.strictObject(competitorFields).partial();

export const listCompetitorsQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().min(1).max(100).optional(),
  province: z.string().trim().max(60).optional(),
});

export const idParams = z.strictObject({ id: objectId });
