import { Router } from 'express';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { isoDay } from '../core/dates.js';
import {
  presentDealer,
  presentInspection,
  presentNearest,
  presentTechnician,
} from './presenter.js';
import {
  createDealerBody,
  createInspectionBody,
  createTechnicianBody,
  historyEntryBody,
  idParams,
  inspectionParams,
  listDealersQuery,
  listInspectionsQuery,
  nearestQuery,
  technicianParams,
  updateDealerBody,
  updateInspectionBody,
  updateTechnicianBody,
} from './schema.js';
import {
  addHistoryEntry,
  createDealer,
  createInspection,
  createTechnician,
  dealerRecord,
  deleteDealer,
  deleteTechnician,
  getDealer,
  listDealers,
  listInspections,
  listTechnicians,
  nearestDealers,
  updateDealer,
  updateInspection,
  updateTechnician,
} from './service.js';

export function dealerRoutes(): Router {
  const router = Router();
  const tag = 'Dealers and technicians';

  defineRoute(router, {
    method: 'get',
    path: '/dealers',
    tag,
    access: STAFF,
    summary: 'Sales and service dealers, filterable',
    query: listDealersQuery,
    handler: async ({ query }) => {
      const page = await listDealers(query);
      return { items: page.docs.map(presentDealer), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/dealers/nearest',
    tag,
    access: STAFF,
    summary:
      'Active service dealers for a customer: same city, then same province, then by distance',
    query: nearestQuery,
    handler: async ({ query }) => ({ items: (await nearestDealers(query)).map(presentNearest) }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/dealers',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Register a dealer',
    body: createDealerBody,
    handler: async ({ body, me }) => presentDealer(await createDealer(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/dealers/:id',
    tag,
    access: STAFF,
    summary: "A dealer's record: technicians, inspection history and score trend",
    params: idParams,
    handler: async ({ params }) => {
      const r = await dealerRecord(params.id);
      return {
        ...presentDealer(r.dealer),
        technicians: r.technicians.map((t) => presentTechnician(t)),
        inspections: r.inspections.map(presentInspection),
        scoreTrend: {
          scores: r.trend.scores.map((s) => ({
            at: isoDay(s.at),
            score: s.score,
            inspection: s.inspection,
          })),
          average: r.trend.average,
          last: r.trend.last,
          change: r.trend.change,
        },
      };
    },
  });
  defineRoute(router, {
    method: 'patch',
    path: '/dealers/:id',
    tag,
    access: MANAGERS,
    summary: 'Change a dealer (a status change is written to its history)',
    params: idParams,
    body: updateDealerBody,
    handler: async ({ params, body, me }) =>
      presentDealer(await updateDealer(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/dealers/:id',
    tag,
    access: MANAGERS,
    summary: 'Delete a dealer nothing refers to (otherwise terminate it)',
    params: idParams,
    handler: async ({ params, me }) => {
      await deleteDealer(params.id, me.id);
      return undefined;
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/dealers/:id/history',
    tag,
    access: MANAGERS,
    status: 201,
    summary: "Add an entry to a dealer's history",
    params: idParams,
    body: historyEntryBody,
    handler: async ({ params, body, me }) =>
      presentDealer(await addHistoryEntry(params.id, body, me.id)),
  });

  defineRoute(router, {
    method: 'get',
    path: '/dealers/:id/technicians',
    tag,
    access: STAFF,
    summary: "A dealer's technicians",
    params: idParams,
    handler: async ({ params }) => {
      await getDealer(params.id);
      return { items: (await listTechnicians(params.id)).map((t) => presentTechnician(t)) };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/dealers/:id/technicians',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Add a technician to a dealer',
    params: idParams,
    body: createTechnicianBody,
    handler: async ({ params, body, me }) =>
      presentTechnician(await createTechnician(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/dealers/:id/technicians/:technicianId',
    tag,
    access: MANAGERS,
    summary: 'Change a technician (trainings, certifications, active)',
    params: technicianParams,
    body: updateTechnicianBody,
    handler: async ({ params, body, me }) =>
      presentTechnician(await updateTechnician(params.id, params.technicianId, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/dealers/:id/technicians/:technicianId',
    tag,
    access: MANAGERS,
    summary: 'Remove a technician no unit or visit refers to',
    params: technicianParams,
    handler: async ({ params, me }) => {
      await deleteTechnician(params.id, params.technicianId, me.id);
      return undefined;
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/dealers/:id/inspections',
    tag,
    access: STAFF,
    summary: "A dealer's inspections (visits), latest planned first",
    params: idParams,
    query: listInspectionsQuery,
    handler: async ({ params, query }) => {
      const page = await listInspections(params.id, query);
      return { items: page.docs.map(presentInspection), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/dealers/:id/inspections',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Plan or record a dealer inspection (checklist, score 0-100, findings, actions)',
    params: idParams,
    body: createInspectionBody,
    handler: async ({ params, body, me }) =>
      presentInspection(await createInspection(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/dealers/:id/inspections/:inspectionId',
    tag,
    access: MANAGERS,
    summary: 'Record the result of an inspection or change its plan',
    params: inspectionParams,
    body: updateInspectionBody,
    handler: async ({ params, body, me }) =>
      presentInspection(await updateInspection(params.id, params.inspectionId, body, me.id)),
  });
  return router;
}
