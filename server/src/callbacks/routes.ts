import { Router } from 'express';
import { STAFF, defineRoute } from '../core/http/route.js';
import { presentTicket } from '../tickets/presenter.js';
import { assertCanSeeTicket } from '../tickets/policy.js';
import { getTicket } from '../tickets/service.js';
import { expertActor } from '../tickets/timeline.js';
import { presentCallback } from './presenter.js';
import { createCallbackBody, ticketParams } from './schema.js';
import { callbackOfTicket, createCallbackByExpert, startCallbackAttempt } from './service.js';

export function callbackRoutes(): Router {
  const router = Router();
  const tag = 'Callbacks';

  defineRoute(router, {
    method: 'post',
    path: '/callbacks',
    tag,
    access: STAFF,
    status: 201,
    summary: 'Record a callback a customer asked for: a callback ticket routed like any other',
    body: createCallbackBody,
    handler: async ({ body, me }) => {
      const { ticket, callback } = await createCallbackByExpert(body, me.id);
      return { ticket: presentTicket(ticket), callback: presentCallback(callback) };
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/tickets/:id/callback',
    tag,
    access: STAFF,
    summary: "A callback ticket's number, window, status and every attempt",
    params: ticketParams,
    handler: async ({ params, me }) => {
      assertCanSeeTicket(me, await getTicket(params.id));
      return presentCallback(await callbackOfTicket(params.id));
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/callback/call',
    tag,
    access: STAFF,
    summary: "Call back: rings the expert's phone, then bridges the customer",
    params: ticketParams,
    handler: async ({ params, me }) => {
      assertCanSeeTicket(me, await getTicket(params.id));
      const cb = await callbackOfTicket(params.id);
      return presentCallback(await startCallbackAttempt(cb._id, me.id, expertActor(me.id)));
    },
  });
  return router;
}
