import { z } from 'zod';

export const surveyTokenParams = z.strictObject({ token: z.string().min(10).max(400) });

export const answerSurveyBody = z.strictObject({
  answers: z.record(
    z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    z.union([z.number(), z.string().max(2000)]),
  ),
  locale: z.enum(['fa', 'en']).optional(),
});
