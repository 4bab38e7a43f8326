import { Router } from 'express';
import { MANAGERS, RESPONDED, STAFF, defineRoute } from '../core/http/route.js';
import { streamInteractionsCsv } from './export.js';
import { presentInteraction } from './presenter.js';
import { exportInteractionsQuery, listInteractionsQuery } from './schema.js';
import { interactionCursor, listInteractions } from './service.js';

export function interactionRoutes(): Router {
  const router = Router();
  const tag = 'Interactions';

  defineRoute(router, {
    method: 'get',
    path: '/interactions',
    tag,
    access: STAFF,
    summary: "The contact log, newest first (experts see their own and their groups' rows)",
    query: listInteractionsQuery,
    handler: async ({ query, me }) => {
      const page = await listInteractions(query, me);
      return { items: page.docs.map(presentInteraction), nextCursor: page.nextCursor };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/interactions/export.csv',
    tag,
    access: MANAGERS,
    summary: 'The contact log as a CSV download (UTF-8 with BOM), newest first, streamed',
    query: exportInteractionsQuery,
    handler: async ({ query, me, res }) => {
      await streamInteractionsCsv(res, interactionCursor(query, me));
      return RESPONDED;
    },
  });

  return router;
}
