import { z } from 'zod';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

export const defectReportQuery = z
  .strictObject({
    /** First and last local (Asia/Tehran) day of the ticket's creation, inclusive. */
    from: day.optional(),
    to: day.optional(),
    productCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,30}$/, 'letters, digits and dashes')
      .transform((s) => s.toUpperCase())
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type DefectReportQuery = z.infer<typeof defectReportQuery>;

const count = z.number().int();
const faultDescription = z.object({ fa: z.string(), en: z.string() }).nullable();
export const defectReportResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  productCode: z.string().nullable(),
  total: count,
  rows: z.array(
    z.object({
      productCode: z.string().nullable(),
      faultCode: z.string(),
      month: z.string(),
      count,
    }),
  ),
  byModel: z.array(z.object({ productCode: z.string().nullable(), count })),
  byFaultCode: z.array(z.object({ faultCode: z.string(), count })),
  byMonth: z.array(z.object({ month: z.string(), count })),
  pareto: z.array(
    z.object({
      productCode: z.string().nullable(),
      faultCode: z.string(),
      description: faultDescription,
      count,
      percent: z.number(),
      cumulativePercent: z.number(),
    }),
  ),
});
export type DefectReport = z.infer<typeof defectReportResponse>;
