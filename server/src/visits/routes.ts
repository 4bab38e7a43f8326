import { Router } from 'express';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { technicianNames } from '../dealers/service.js';
import { presentVisit } from './presenter.js';
import {
  listVisitsQuery,
  unitSerialParams,
  updateVisitBody,
  visitParams,
  visitPlanBody,
  visitReportBody,
} from './schema.js';
import { getVisit, listVisits, planVisits, reportVisit, updateVisit } from './service.js';

/** On-site service visits (seed 32, 37): plans per unit, reminders, reports. */
export function visitRoutes(): Router {
  const router = Router();
  const tag = 'On-site visits';

  defineRoute(router, {
    method: 'post',
    path: '/units/:serial/visit-plan',
    tag,
    access: MANAGERS,
    status: 201,
    summary:
      'Plans periodic service every N months from delivery with a service dealer technician ' +
      '(replaces future planned visits); each gets an SMS reminder job',
    params: unitSerialParams,
    body: visitPlanBody,
    handler: async ({ params, body, me }) => ({
      items: (await planVisits(params.serial, body, me.id)).map(presentVisit),
    }),
  });
  defineRoute(router, {
    method: 'get',
    path: '/visits',
    tag,
    access: STAFF,
    summary: "Customer service visits by plan date, with the technician's name",
    query: listVisitsQuery,
    handler: async ({ query }) => {
      const page = await listVisits(query);
      const names = await technicianNames(page.docs.map((v) => v.technician));
      return {
        items: page.docs.map((v) => ({
          ...presentVisit(v),
          technicianName: names.get(String(v.technician)) ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/visits/:id',
    tag,
    access: STAFF,
    summary: 'One visit with its report',
    params: visitParams,
    handler: async ({ params }) => presentVisit(await getVisit(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/visits/:id',
    tag,
    access: MANAGERS,
    summary: 'Moves, reassigns, or marks a planned visit missed or canceled',
    params: visitParams,
    body: updateVisitBody,
    handler: async ({ params, body }) => presentVisit(await updateVisit(params.id, body)),
  });
  defineRoute(router, {
    method: 'post',
    path: '/visits/:id/report',
    tag,
    access: STAFF,
    summary:
      'The visit report: work done, parts, fault codes (feed the defect report), outcome, ' +
      "customer's name as signature; recorded in the contact log",
    params: visitParams,
    body: visitReportBody,
    handler: async ({ params, body, me }) =>
      presentVisit(await reportVisit(params.id, body, me.id)),
  });
  return router;
}
