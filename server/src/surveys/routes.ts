import { Router } from 'express';
import { ipRateLimit } from '../core/http/rate-limit.js';
import { MANAGERS, defineRoute } from '../core/http/route.js';
import { campaignResults, createCampaign, listCampaigns } from './campaigns.js';
import { presentCampaign, presentPublicSurvey } from './presenter.js';
import {
  answerSurveyBody,
  campaignParams,
  createCampaignBody,
  surveyTokenParams,
} from './schema.js';
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
  defineRoute(router, {
    method: 'post',
    path: '/surveys/campaigns',
    tag,
    access: MANAGERS,
    status: 201,
    summary:
      'Schedules a satisfaction campaign: segment, questions (rating, choice, text, 0-10 NPS), ' +
      'channel, time; sent in rate-limited batches',
    body: createCampaignBody,
    handler: async ({ body, me }) => presentCampaign(await createCampaign(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/surveys/campaigns',
    tag,
    access: MANAGERS,
    summary: 'Satisfaction campaigns, newest scheduled first, with their sending progress',
    handler: async () => ({ items: (await listCampaigns()).map(presentCampaign) }),
  });
  defineRoute(router, {
    method: 'get',
    path: '/surveys/campaigns/:id/results',
    tag,
    access: MANAGERS,
    summary: 'Per question: answers, distribution, average, NPS for 0-10 questions',
    params: campaignParams,
    handler: async ({ params }) => campaignResults(params.id),
  });
  return router;
}
