import { Router } from 'express';
import { ADMINS, STAFF, defineRoute } from '../core/http/route.js';
import { presentGroup } from './presenter.js';
import { createGroupBody, idParams, updateGroupBody } from './schema.js';
import { createGroup, getGroup, listGroups, updateGroup } from './service.js';

export function expertGroupRoutes(): Router {
  const router = Router();
  const tag = 'Expert groups';

  defineRoute(router, {
    method: 'get',
    path: '/expert-groups',
    tag,
    access: STAFF,
    summary: 'All expert groups',
    handler: async () => ({ items: (await listGroups()).map(presentGroup) }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/expert-groups',
    tag,
    access: ADMINS,
    status: 201,
    summary: 'Create an expert group',
    body: createGroupBody,
    handler: async ({ body, me }) => presentGroup(await createGroup(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/expert-groups/:id',
    tag,
    access: STAFF,
    summary: 'One expert group',
    params: idParams,
    handler: async ({ params }) => presentGroup(await getGroup(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/expert-groups/:id',
    tag,
    access: ADMINS,
    summary: 'Change an expert group',
    params: idParams,
    body: updateGroupBody,
    handler: async ({ params, body, me }) =>
      presentGroup(await updateGroup(params.id, body, me.id)),
  });
  return router;
}
