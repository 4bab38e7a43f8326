import { Router } from 'express';
import { MANAGERS, RESPONDED, defineRoute } from '../core/http/route.js';
import { streamReportCsv } from './export.js';
import { daysBetween } from './local-days.js';
import { buildReportDays } from './rollup.js';
import { MAX_DAYS, exportQuery, rebuildBody, reportQuery } from './schema.js';
import { badRequest } from '../core/errors.js';
import { buildReport } from './service.js';

export function reportRoutes(): Router {
  const router = Router();
  const tag = 'Reports';

  defineRoute(router, {
    method: 'get',
    path: '/reports',
    tag,
    access: MANAGERS,
    summary:
      'Volume, speed, queue, experts, satisfaction and after-sales for a period (from daily rollups)',
    query: reportQuery,
    handler: async ({ query }) => buildReport(query),
  });

  defineRoute(router, {
    method: 'get',
    path: '/reports/export.csv',
    tag,
    access: MANAGERS,
    summary: 'One table of the report as CSV (UTF-8 with BOM)',
    query: exportQuery,
    handler: async ({ query, res }) => {
      const { table, ...rest } = query;
      await streamReportCsv(res, await buildReport(rest), table);
      return RESPONDED;
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/reports/rebuild',
    tag,
    access: MANAGERS,
    summary: 'Recomputes the rollups of a range of local days now (after imports or corrections)',
    body: rebuildBody,
    handler: async ({ body }) => {
      const days = daysBetween(body.from, body.to);
      if (days.length > MAX_DAYS)
        throw badRequest('period_too_long', `rebuild at most ${MAX_DAYS} days at once`);
      await buildReportDays(days);
      return { rebuilt: days.length };
    },
  });

  return router;
}
