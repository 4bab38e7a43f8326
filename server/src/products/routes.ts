import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { unsupportedMediaType } from '../core/errors.js';
import { ADMINS, MANAGERS, RESPONDED, STAFF, defineRoute } from '../core/http/route.js';
import { getImportReport, importUnitsCsv } from './import.js';
import { presentProduct, presentUnit } from './presenter.js';
import {
  createProductBody,
  createUnitBody,
  idParams,
  listUnitsQuery,
  serialParams,
  updateProductBody,
  updateUnitBody,
} from './schema.js';
import {
  coverageOf,
  createProduct,
  createUnit,
  findUnitBySerial,
  getProduct,
  listProducts,
  listUnits,
  updateProduct,
  updateUnit,
} from './service.js';

export function productRoutes(): Router {
  const router = Router();
  const tag = 'Products and units';

  defineRoute(router, {
    method: 'get',
    path: '/products',
    tag,
    access: STAFF,
    summary: 'Product models',
    handler: async () => ({ items: (await listProducts()).map(presentProduct) }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/products',
    tag,
    access: ADMINS,
    status: 201,
    summary: 'Add a product model',
    body: createProductBody,
    handler: async ({ body, me }) => presentProduct(await createProduct(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/products/:id',
    tag,
    access: STAFF,
    summary: 'One product model',
    params: idParams,
    handler: async ({ params }) => presentProduct(await getProduct(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/products/:id',
    tag,
    access: ADMINS,
    summary: 'Change a product model',
    params: idParams,
    body: updateProductBody,
    handler: async ({ params, body, me }) =>
      presentProduct(await updateProduct(params.id, body, me.id)),
  });

  defineRoute(router, {
    method: 'get',
    path: '/units',
    tag,
    access: STAFF,
    summary: 'Units (serial numbers), filterable',
    query: listUnitsQuery,
    handler: async ({ query }) => {
      const page = await listUnits(query);
      return {
        items: page.docs.map((u) => presentUnit(u, coverageOf(u))),
        nextCursor: page.nextCursor,
      };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/units',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Register a unit by serial number',
    body: createUnitBody,
    handler: async ({ body, me }) => {
      const { unit, product } = await createUnit(body, me.id);
      return presentUnit(unit, coverageOf(unit), product);
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/units/by-serial/:serial',
    tag,
    access: STAFF,
    summary: 'Look up a serial number with its derived guarantee/warranty status',
    params: serialParams,
    handler: async ({ params }) => {
      const { unit, product } = await findUnitBySerial(params.serial);
      return presentUnit(unit, coverageOf(unit), product);
    },
  });
  defineRoute(router, {
    method: 'patch',
    path: '/units/:id',
    tag,
    access: MANAGERS,
    summary: 'Change a unit (owner, dealer, dates)',
    params: idParams,
    body: updateUnitBody,
    handler: async ({ params, body, me }) => {
      const { unit, product } = await updateUnit(params.id, body, me.id);
      return presentUnit(unit, coverageOf(unit), product);
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/units/import',
    tag,
    access: MANAGERS,
    summary:
      'Import units from a text/csv body (serial, productCode, productionDate, deliveryDate, ' +
      'ownerPhone, dealerCode). Up to 500 rows: 200 with the report; more: 202 with an id to poll',
    handler: async ({ req, res, me }) => {
      // Parsed here, after the role check, so only managers can make the server read 20 MB.
      await readCsvBody(req, res);
      if (typeof req.body !== 'string')
        throw unsupportedMediaType('Send the file as text/csv (UTF-8)');
      const result = await importUnitsCsv(req.body, me.id);
      if (result.sync) return result.report;
      res
        .status(202)
        .location(`/api/units/import/${result.id}`)
        .json({ id: result.id, status: 'running', total: result.total });
      return RESPONDED;
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/units/import/:id',
    tag,
    access: MANAGERS,
    summary: 'Progress and report of a unit import',
    params: z.strictObject({ id: z.uuid() }),
    handler: async ({ params }) => getImportReport(params.id),
  });
  return router;
}

const csvParser = express.text({ type: 'text/csv', limit: '20mb' });

function readCsvBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    csvParser(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
  });
}
