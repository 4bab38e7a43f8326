import { Router } from 'express';
import { MANAGERS, RESPONDED, defineRoute } from '../core/http/route.js';
import { directoryCursor, directoryQuery, streamDirectory } from './directory.js';

/**
 * The phone and address book (seed duty 31). Mount before contactRoutes(), whose
 * `/contacts/:id` would otherwise take `directory.csv` for an id.
 */
export function contactDirectoryRoutes(): Router {
  const router = Router();
  const tag = 'Contacts';

  defineRoute(router, {
    method: 'get',
    path: '/contacts/directory.csv',
    tag,
    access: MANAGERS,
    summary: 'Phone and address book of all customers as CSV (UTF-8 with BOM), streamed',
    query: directoryQuery,
    handler: async ({ query, res }) => {
      await streamDirectory(res, directoryCursor(query), 'csv');
      return RESPONDED;
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/contacts/directory.vcf',
    tag,
    access: MANAGERS,
    summary: 'Phone and address book of all customers as vCard 3.0, streamed',
    query: directoryQuery,
    handler: async ({ query, res }) => {
      await streamDirectory(res, directoryCursor(query), 'vcf');
      return RESPONDED;
    },
  });
  return router;
}
