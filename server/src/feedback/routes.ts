import { Router } from 'express';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { assertCanSeeTicket } from '../tickets/policy.js';
import { getTicket } from '../tickets/service.js';
import { presentFeedback } from './presenter.js';
import { feedbackParams, listFeedbackQuery, updateFeedbackBody } from './schema.js';
import { feedbackOf, listFeedback, updateFeedback } from './service.js';

/** Complaints, suggestions and criticisms: their fields, review states and the management list. */
export function feedbackRoutes(): Router {
  const router = Router();
  const tag = 'Complaints, suggestions, criticisms';

  defineRoute(router, {
    method: 'get',
    path: '/feedback',
    tag,
    access: MANAGERS,
    summary: 'Management list of complaints, suggestions and criticisms (newest first)',
    query: listFeedbackQuery,
    handler: async ({ query }) => {
      const page = await listFeedback(query);
      return { items: page.docs.map(presentFeedback), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/tickets/:id/feedback',
    tag,
    access: STAFF,
    summary: 'Category, root cause, corrective action, owner and review state of the ticket',
    params: feedbackParams,
    handler: async ({ params, me }) => {
      const ticket = await getTicket(params.id);
      assertCanSeeTicket(me, ticket);
      return presentFeedback(await feedbackOf(ticket));
    },
  });
  defineRoute(router, {
    method: 'patch',
    path: '/tickets/:id/feedback',
    tag,
    access: STAFF,
    summary:
      'Sets fields; review state new -> under-review -> accepted|rejected, accepted -> implemented',
    params: feedbackParams,
    body: updateFeedbackBody,
    handler: async ({ params, body, me }) => {
      assertCanSeeTicket(me, await getTicket(params.id));
      return presentFeedback(await updateFeedback(params.id, body, me.id));
    },
  });
  return router;
}
