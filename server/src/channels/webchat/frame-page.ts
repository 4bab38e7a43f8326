import path from 'node:path';
import { Router } from 'express';
import { WidgetKey, type WidgetKeyDoc } from './model.js';

/**
 * `/widget/frame.html?key=...`: the chat app's page. Only the key's allowed websites may frame
 * it (CSP frame-ancestors), everything else keeps the app-wide `'self'`. Not cached, so a
 * changed origin list applies at once.
 */
export function widgetFramePage(widgetDist: string): Router {
  const router = Router();
  router.get('/widget/frame.html', async (req, res, next) => {
    try {
      const key = typeof req.query.key === 'string' ? req.query.key.slice(0, 64) : '';
      const k = key
        ? await WidgetKey.findOne({ key, active: true }, { allowedOrigins: 1 }).lean<WidgetKeyDoc>()
        : null;
      const ancestors = ["'self'", ...(k?.allowedOrigins ?? [])].join(' ');
      const csp = String(res.getHeader('Content-Security-Policy') ?? '');
      res.setHeader(
        'Content-Security-Policy',
        csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`),
      );
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(widgetDist, 'frame.html'));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
