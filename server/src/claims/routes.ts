import { Router } from 'express';
import { STAFF, defineRoute } from '../core/http/route.js';
import { assertCanSeeTicket } from '../tickets/policy.js';
import { getTicket } from '../tickets/service.js';
import { presentClaim } from './presenter.js';
import { advanceClaimBody, claimParams } from './schema.js';
import { advanceClaim, claimOfTicket } from './service.js';

export function claimRoutes(): Router {
  const router = Router();
  const tag = 'Guarantee claims';

  defineRoute(router, {
    method: 'get',
    path: '/tickets/:id/claim',
    tag,
    access: STAFF,
    summary: 'The guarantee-claim workflow of a claim ticket: step, next steps, history',
    params: claimParams,
    handler: async ({ params, me }) => {
      assertCanSeeTicket(me, await getTicket(params.id));
      return presentClaim((await claimOfTicket(params.id)).claim);
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/claim/steps',
    tag,
    access: STAFF,
    summary:
      'Moves a claim on: review -> approved|rejected (reason sent to the customer) -> ' +
      'repaired-on-site|sent-to-factory (tracking number) -> repaired|replaced (serial) -> closed',
    params: claimParams,
    body: advanceClaimBody,
    handler: async ({ params, body, me }) => {
      assertCanSeeTicket(me, await getTicket(params.id));
      return presentClaim(await advanceClaim(params.id, body, me));
    },
  });
  return router;
}
