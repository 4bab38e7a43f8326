import { Router } from 'express';
import { STAFF, defineRoute } from '../core/http/route.js';
import { presentCannedResponse } from './presenter.js';
import {
  createCannedResponseBody,
  idParams,
  listCannedResponsesQuery,
  updateCannedResponseBody,
} from './schema.js';
import {
  createCannedResponse,
  deleteCannedResponse,
  getCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from './service.js';

export function cannedResponseRoutes(): Router {
  const router = Router();
  const tag = 'Canned responses';

  defineRoute(router, {
    method: 'get',
    path: '/canned-responses',
    tag,
    access: STAFF,
    summary: 'Shared responses and my personal ones, by shortcut; search by title or shortcut',
    query: listCannedResponsesQuery,
    handler: async ({ query, me }) => {
      const page = await listCannedResponses(me, query);
      return { items: page.docs.map(presentCannedResponse), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/canned-responses',
    tag,
    access: STAFF,
    status: 201,
    summary:
      'Write a canned response: personal (anyone) or shared (supervisors and admins); placeholders {{contact.name}}, {{ticket.number}}, {{expert.name}}',
    body: createCannedResponseBody,
    handler: async ({ body, me }) => presentCannedResponse(await createCannedResponse(me, body)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/canned-responses/:id',
    tag,
    access: STAFF,
    summary: 'One canned response (shared, or my own)',
    params: idParams,
    handler: async ({ params, me }) =>
      presentCannedResponse(await getCannedResponse(params.id, me)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/canned-responses/:id',
    tag,
    access: STAFF,
    summary: 'Change a canned response (my personal ones; shared ones for supervisors and admins)',
    params: idParams,
    body: updateCannedResponseBody,
    handler: async ({ params, body, me }) =>
      presentCannedResponse(await updateCannedResponse(me, params.id, body)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/canned-responses/:id',
    tag,
    access: STAFF,
    summary: 'Delete a canned response (same rule as changing it)',
    params: idParams,
    handler: async ({ params, me }) => {
      await deleteCannedResponse(me, params.id);
      return undefined;
    },
  });
  return router;
}
