import { Router } from 'express';
import { ADMINS, defineRoute } from '../../core/http/route.js';
import {
  createWidgetKey,
  deleteWidgetKey,
  getWidgetKey,
  listWidgetKeys,
  presentWidgetKey,
  updateWidgetKey,
  widgetKeyBody,
  widgetKeyParams,
  widgetKeyPatch,
} from './keys.js';

/** Admin CRUD of widget keys (`/api/widget-keys`). */
export function widgetKeyRoutes(): Router {
  const router = Router();
  const tag = 'Web chat';

  defineRoute(router, {
    method: 'get',
    path: '/widget-keys',
    tag,
    access: ADMINS,
    summary: 'All widget keys',
    handler: async () => ({ items: (await listWidgetKeys()).map(presentWidgetKey) }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/widget-keys',
    tag,
    access: ADMINS,
    status: 201,
    summary: 'Create a widget key (generated when not given)',
    body: widgetKeyBody,
    handler: async ({ body, me }) => presentWidgetKey(await createWidgetKey(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/widget-keys/:id',
    tag,
    access: ADMINS,
    summary: 'One widget key',
    params: widgetKeyParams,
    handler: async ({ params }) => presentWidgetKey(await getWidgetKey(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/widget-keys/:id',
    tag,
    access: ADMINS,
    summary: 'Change a widget key (name, origins, defaults, active)',
    params: widgetKeyParams,
    body: widgetKeyPatch,
    handler: async ({ params, body, me }) =>
      presentWidgetKey(await updateWidgetKey(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/widget-keys/:id',
    tag,
    access: ADMINS,
    summary: 'Delete a widget key',
    params: widgetKeyParams,
    handler: async ({ params, me }) => {
      await deleteWidgetKey(params.id, me.id);
    },
  });
  return router;
}
