import { Router } from 'express';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { presentShipment } from './presenter.js';
import { createShipmentBody, idParams, listShipmentsQuery, updateShipmentBody } from './schema.js';
import {
  createShipment,
  deleteShipment,
  getShipment,
  listShipments,
  recipientNames,
  updateShipment,
} from './service.js';

export function shipmentRoutes(): Router {
  const router = Router();
  const tag = 'Shipments';

  defineRoute(router, {
    method: 'get',
    path: '/shipments',
    tag,
    access: STAFF,
    summary:
      "Samples, gifts, giveaways and factory shipments, newest first, with the recipient's name",
    query: listShipmentsQuery,
    handler: async ({ query }) => {
      const page = await listShipments(query);
      const names = await recipientNames(page.docs);
      return {
        items: page.docs.map((s) => ({
          ...presentShipment(s),
          recipientName:
            names.get(String(s.contact ?? '')) ?? names.get(String(s.dealer ?? '')) ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/shipments',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Log a shipment to a contact or dealer (or to/from the factory)',
    body: createShipmentBody,
    handler: async ({ body, me }) => presentShipment(await createShipment(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/shipments/:id',
    tag,
    access: STAFF,
    summary: 'One shipment',
    params: idParams,
    handler: async ({ params }) => presentShipment(await getShipment(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/shipments/:id',
    tag,
    access: MANAGERS,
    summary: 'Change a shipment (tracking number, sent and delivered dates)',
    params: idParams,
    body: updateShipmentBody,
    handler: async ({ params, body, me }) =>
      presentShipment(await updateShipment(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/shipments/:id',
    tag,
    access: MANAGERS,
    summary: 'Remove a shipment logged by mistake',
    params: idParams,
    handler: async ({ params, me }) => {
      await deleteShipment(params.id, me.id);
      return undefined;
    },
  });
  return router;
}
