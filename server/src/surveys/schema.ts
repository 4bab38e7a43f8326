import { z } from 'zod';

export const surveyTokenParams = z.strictObject({ token: z.string().min(10).max(400) });

export const answerSurveyBody = z.strictObject({
  answers: z.record(
    z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    z.union([z.number(), z.string().max(2000)]),
  ),
  locale: z.enum(['fa', 'en']).optional(),
});

const text = z.strictObject({
  fa: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});
const questionId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
const question = z.discriminatedUnion('kind', [
  z.strictObject({
    id: questionId,
    kind: z.literal('rating'),
    text,
    required: z.boolean().default(true),
  }),
  z.strictObject({
    id: questionId,
    kind: z.literal('nps'),
    text,
    required: z.boolean().default(true),
  }),
  z.strictObject({
    id: questionId,
    kind: z.literal('text'),
    text,
    required: z.boolean().default(false),
  }),
  z.strictObject({
    id: questionId,
    kind: z.literal('choice'),
    text,
    options: z
      .array(z.strictObject({ value: z.string().regex(/^[a-z0-9-]{1,40}$/), label: text }))
      .min(2)
      .max(10),
    required: z.boolean().default(true),
  }),
]);

export const createCampaignBody = z.strictObject({
  name: z.string().trim().min(2).max(120),
  segment: z
    .strictObject({
      segment: z.enum(['potential', 'actual']).optional(),
      productCode: z.string().trim().toUpperCase().max(30).optional(),
      province: z.string().trim().max(60).optional(),
      city: z.string().trim().max(60).optional(),
    })
    .default({}),
  questions: z
    .array(question)
    .min(1)
    .max(20)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must differ'),
  channel: z.enum(['sms', 'email']),
  scheduledAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  batchSize: z.number().int().min(1).max(500).default(50),
  /** Sends per minute at most: batches are spaced so the channel is not flooded. */
  perMinute: z.number().int().min(1).max(1000).default(60),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const campaignParams = z.strictObject({ id: z.string().regex(/^[a-f0-9]{24}$/) });
