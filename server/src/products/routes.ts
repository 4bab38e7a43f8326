import { Router } from 'express';
import { ADMINS, MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
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
  return router;
}
