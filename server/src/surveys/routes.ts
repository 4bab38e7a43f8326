import { Router } from 'express';
import { ipRateLimit } from '../core/http/rate-limit.js';
import { defineRoute } from '../core/http/route.js';
import { presentPublicSurvey } from './presenter.js';
import { answerSurveyBody, surveyTokenParams } from './schema.js';
import { answerSurvey, surveyByToken } from './service.js';

/** The public survey page's API (`/support/survey/:token`): single-use, signed, expiring links. */
export function surveyRoutes(): Router {
  const router = Router();
  const tag = 'Surveys';
  const rateLimit = ipRateLimit('survey-public', 60, 15 * 60);

  defineRoute(router, {
    method: 'get',
    path: '/surveys/public/:token',
    tag,
    access: 'public',
    rateLimit,
    summary: 'The questions of the survey behind a link (404 forged, 409 answered, 422 expired)',
    params: surveyTokenParams,
    handler: async ({ params }) => presentPublicSurvey(await surveyByToken(params.token)),
  });
  defineRoute(router, {
    method: 'post',
    path: '/surveys/public/:token',
    tag,
    access: 'public',
    rateLimit,
    summary: 'Answers the survey once: { answers: { questionId: value } }',
    params: surveyTokenParams,
    body: answerSurveyBody,
    handler: async ({ params, body }) => {
      await answerSurvey(params.token, body.answers);
      return { answered: true };
    },
  });
  return router;
}
