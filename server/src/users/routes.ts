import { Router } from 'express';
import { ADMINS, MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { presentDirectoryEntry, presentUser } from './presenter.js';
import {
  createUserBody,
  directoryQuery,
  idParams,
  listUsersQuery,
  updateMeBody,
  updateUserBody,
} from './schema.js';
import { createUser, getUser, listUsers, staffDirectory, updateMe, updateUser } from './service.js';

export function usersRoutes(): Router {
  const router = Router();
  const tag = 'Users';

  defineRoute(router, {
    method: 'get',
    path: '/users',
    tag,
    summary: 'List experts, supervisors and admins',
    access: MANAGERS,
    query: listUsersQuery,
    handler: async ({ query }) => {
      const page = await listUsers(query);
      return { items: page.docs.map(presentUser), nextCursor: page.nextCursor };
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/users',
    tag,
    summary: 'Create a user',
    access: ADMINS,
    status: 201,
    body: createUserBody,
    handler: async ({ body, me }) => presentUser(await createUser(body, me.id)),
  });

  defineRoute(router, {
    method: 'patch',
    path: '/users/me',
    tag,
    summary: 'Change my profile, locale or password',
    access: STAFF,
    body: updateMeBody,
    handler: async ({ body, me }) => presentUser(await updateMe(me, body)),
  });

  defineRoute(router, {
    method: 'get',
    path: '/users/directory',
    tag,
    summary:
      'Colleagues by name, groups and presence: experts see their groups and the managers, managers everyone',
    access: STAFF,
    query: directoryQuery,
    handler: async ({ query, me }) => ({
      items: (await staffDirectory(me, query)).map(presentDirectoryEntry),
    }),
  });

  defineRoute(router, {
    method: 'get',
    path: '/users/:id',
    tag,
    summary: 'One user',
    access: MANAGERS,
    params: idParams,
    handler: async ({ params }) => presentUser(await getUser(params.id)),
  });

  defineRoute(router, {
    method: 'patch',
    path: '/users/:id',
    tag,
    summary: 'Change roles, groups, capacity, phone or password',
    access: ADMINS,
    params: idParams,
    body: updateUserBody,
    handler: async ({ params, body, me }) => presentUser(await updateUser(params.id, body, me.id)),
  });

  return router;
}
