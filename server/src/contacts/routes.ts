import { Router } from 'express';
import { STAFF, MANAGERS, defineRoute } from '../core/http/route.js';
import { presentContact } from './presenter.js';
import {
  createContactBody,
  idParams,
  mergeContactsBody,
  searchContactsQuery,
  updateContactBody,
} from './schema.js';
import {
  createContact,
  getContact,
  mergeContacts,
  searchContacts,
  updateContact,
} from './service.js';

export function contactRoutes(): Router {
  const router = Router();
  const tag = 'Contacts';

  defineRoute(router, {
    method: 'get',
    path: '/contacts',
    tag,
    access: STAFF,
    summary: 'Search customers by name, phone (any format), email or club number',
    query: searchContactsQuery,
    handler: async ({ query }) => {
      const page = await searchContacts(query);
      return { items: page.docs.map(presentContact), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/contacts',
    tag,
    access: STAFF,
    status: 201,
    summary: 'Create a customer',
    body: createContactBody,
    handler: async ({ body, me }) => presentContact(await createContact(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/contacts/:id',
    tag,
    access: STAFF,
    summary: 'One customer',
    params: idParams,
    handler: async ({ params }) => presentContact(await getContact(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/contacts/:id',
    tag,
    access: STAFF,
    summary: 'Change a customer',
    params: idParams,
    body: updateContactBody,
    handler: async ({ params, body, me }) =>
      presentContact(await updateContact(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'post',
    path: '/contacts/:id/merge',
    tag,
    access: MANAGERS,
    summary:
      'Merge another contact (sourceId) into this one: tickets, messages, interactions and units move over',
    params: idParams,
    body: mergeContactsBody,
    handler: async ({ params, body, me }) =>
      presentContact(await mergeContacts(params.id, body.sourceId, me.id)),
  });
  return router;
}
