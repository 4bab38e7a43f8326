import { Router } from 'express';
import { MANAGERS, defineRoute } from '../core/http/route.js';
import { defectReportQuery, defectReportResponse } from './schema.js';
import { defectReport } from './service.js';

export function defectRoutes(): Router {
  const router = Router();
  defineRoute(router, {
    method: 'get',
    path: '/reports/defects',
    tag: 'Reports',
    access: MANAGERS,
    summary:
      'Product-defect report: fault codes of tickets and on-site visits by model, fault code and month, with a Pareto list',
    query: defectReportQuery,
    response: defectReportResponse,
    handler: async ({ query }) => defectReport(query),
  });
  return router;
}
