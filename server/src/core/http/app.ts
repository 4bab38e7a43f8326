import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { attachmentRoutes } from '../../attachments/routes.js';
import { authRoutes } from '../../auth/routes.js';
import { authenticate } from '../../auth/middleware.js';
import { cannedResponseRoutes } from '../../canned-responses/routes.js';
import { emailRoutes } from '../../channels/email/routes.js';
import { claimRoutes } from '../../claims/routes.js';
import { callbackRoutes } from '../../callbacks/routes.js';
import { channelSettingsRoutes } from '../../channels/settings-routes.js';
import { smsWebhookRoutes } from '../../channels/sms/webhooks.js';
import { voiceWebhookRoutes } from '../../channels/voice/webhooks.js';
import { webchatAttachmentRoutes } from '../../channels/webchat/attachment-routes.js';
import { demoPageRoutes } from '../../channels/webchat/demo-page.js';
import { widgetFramePage } from '../../channels/webchat/frame-page.js';
import { widgetKeyRoutes } from '../../channels/webchat/routes.js';
import { competitorRoutes } from '../../competitors/routes.js';
import { contactDirectoryRoutes } from '../../contacts/directory-routes.js';
import { contactRoutes } from '../../contacts/routes.js';
import { defectRoutes } from '../../defects/routes.js';
import { reportRoutes } from '../../reports/routes.js';
import { dealerRoutes } from '../../dealers/routes.js';
import { expertGroupRoutes } from '../../expert-groups/routes.js';
import { feedbackRoutes } from '../../feedback/routes.js';
import { healthRoutes } from '../../health/routes.js';
import { interactionRoutes } from '../../interactions/routes.js';
import { knowledgeRoutes } from '../../knowledge/routes.js';
import { portalRoutes } from '../../portal/routes.js';
import { productRoutes } from '../../products/routes.js';
import { routingRoutes } from '../../routing/routes.js';
import { shipmentRoutes } from '../../shipments/routes.js';
import { surveyRoutes } from '../../surveys/routes.js';
import { ticketRoutes } from '../../tickets/routes.js';
import { usersRoutes } from '../../users/routes.js';
import { visitRoutes } from '../../visits/routes.js';
import { repoRoot, type Config } from '../config.js';
import { logger } from '../logger.js';
import { errorMiddleware, notFoundMiddleware } from './errors-middleware.js';
import { openApiDocument } from './openapi.js';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createApp(config: Config): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  // Express 5's "simple" query parser: `a[$ne]=x` stays a literal key, never an operator object.
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The widget iframe is embedded by customers' sites; the rest only by us.
          'frame-ancestors': ["'self'"],
          // https: only for remote images in emails, which load after the expert's click.
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.use(healthRoutes());
  // Outside /api: form-encoded, signed by Twilio, no session or CSRF.
  app.use(smsWebhookRoutes(config));
  app.use(voiceWebhookRoutes(config));

  const api = Router();
  api.use(
    cors({
      origin: (origin, cb) => cb(null, !origin || config.CORS_ORIGINS.includes(origin)),
      credentials: true,
    }),
  );
  api.use(express.json({ limit: config.BODY_LIMIT, strict: true }));
  api.use(cookieParser());
  api.use(authenticate);
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(config.PUBLIC_URL));
  });
  api.use(authRoutes(config));
  api.use(routingRoutes());
  api.use(usersRoutes());
  api.use(expertGroupRoutes());
  // Before contactRoutes: its /contacts/:id would take directory.csv for an id.
  api.use(contactDirectoryRoutes());
  api.use(contactRoutes());
  api.use(productRoutes());
  api.use(ticketRoutes());
  api.use(callbackRoutes());
  api.use(channelSettingsRoutes());
  api.use(interactionRoutes());
  api.use(cannedResponseRoutes());
  api.use(knowledgeRoutes());
  api.use(dealerRoutes());
  api.use(competitorRoutes());
  api.use(shipmentRoutes());
  api.use(defectRoutes());
  api.use(reportRoutes());
  api.use(widgetKeyRoutes());
  api.use(claimRoutes());
  api.use(portalRoutes(config));
  api.use(surveyRoutes());
  api.use(feedbackRoutes());
  api.use(visitRoutes());
  api.use(attachmentRoutes());
  api.use(webchatAttachmentRoutes());
  api.use(emailRoutes());
  api.use(notFoundMiddleware);
  app.use('/api', api);

  app.use(demoPageRoutes());
  serveApps(app);
  app.use(notFoundMiddleware);
  app.use(errorMiddleware);
  return app;
}

/** The console and the widget are built by their own workspaces; the server only serves them. */
function serveApps(app: Express) {
  const consoleDist = path.join(repoRoot, 'agent-console', 'dist');
  const widgetDist = path.join(repoRoot, 'widget', 'dist');
  const portalDist = path.join(repoRoot, 'portal', 'dist');
  if (existsSync(consoleDist)) {
    app.use('/console', express.static(consoleDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/console(\/.*)?$/, (_req, res) =>
      res.sendFile(path.join(consoleDist, 'index.html')),
    );
  }
  if (existsSync(widgetDist)) {
    app.get('/widget.js', (_req, res) => res.sendFile(path.join(widgetDist, 'widget.js')));
    app.use(widgetFramePage(widgetDist));
    app.use('/widget', express.static(widgetDist, { maxAge: '1h' }));
  }
  if (existsSync(portalDist)) {
    app.use('/support', express.static(portalDist, { index: false, maxAge: '1h' }));
    app.get(/^\/support(\/.*)?$/, (_req, res) => res.sendFile(path.join(portalDist, 'index.html')));
  }
  app.get('/', (_req, res) => res.redirect('/console/'));
}
