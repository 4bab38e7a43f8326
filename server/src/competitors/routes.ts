import { Router } from 'express';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { presentCompetitor } from './presenter.js';
import {
  createCompetitorBody,
  idParams,
  listCompetitorsQuery,
  updateCompetitorBody,
} from './schema.js';
import {
  createCompetitor,
  deleteCompetitor,
  getCompetitor,
  listCompetitors,
  updateCompetitor,
} from './service.js';

export function competitorRoutes(): Router {
  const router = Router();
  const tag = 'Competitors';

  defineRoute(router, {
    method: 'get',
    path: '/competitors',
    tag,
    access: STAFF,
    summary: 'Competitors register (by name; filter by a province they have a share in)',
    query: listCompetitorsQuery,
    handler: async ({ query }) => {
      const page = await listCompetitors(query);
      return { items: page.docs.map(presentCompetitor), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/competitors',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Add a competitor (name unique)',
    body: createCompetitorBody,
    handler: async ({ body, me }) => presentCompetitor(await createCompetitor(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/competitors/:id',
    tag,
    access: STAFF,
    summary: 'One competitor with market-share estimates',
    params: idParams,
    handler: async ({ params }) => presentCompetitor(await getCompetitor(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/competitors/:id',
    tag,
    access: MANAGERS,
    summary: 'Change a competitor (shares replace the list)',
    params: idParams,
    body: updateCompetitorBody,
    handler: async ({ params, body, me }) =>
      presentCompetitor(await updateCompetitor(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/competitors/:id',
    tag,
    access: MANAGERS,
    summary: 'Remove a competitor',
    params: idParams,
    handler: async ({ params, me }) => {
      await deleteCompetitor(params.id, me.id);
      return undefined;
    },
  });
  return router;
}
