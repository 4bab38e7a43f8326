import express, { Router, type Request, type Response } from 'express';
import { storeAttachment } from '../attachments/service.js';
import type { Config } from '../core/config.js';
import { unprocessable, unsupportedMediaType } from '../core/errors.js';
import { ipRateLimit } from '../core/http/rate-limit.js';
import { RESPONDED, defineRoute } from '../core/http/route.js';
import {
  isOwnerView,
  presentOwnerView,
  presentPortalRequest,
  presentUnitStatus,
} from './presenter.js';
import { lookupBody, photoParams, photoQuery, portalRequestBody } from './schema.js';
import {
  attachToPortalMessage,
  lookupUnit,
  portalMessageOf,
  submitPortalRequest,
} from './service.js';
import { portalSessionFrom } from './session.js';

const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** The public customer portal's API (`/support`): serial lookup, owner's history, requests. */
export function portalRoutes(config: Config): Router {
  const router = Router();
  const tag = 'Customer portal';

  defineRoute(router, {
    method: 'get',
    path: '/portal/settings',
    tag,
    access: 'public',
    summary: 'What the portal page needs: the web chat key its chat button opens',
    handler: async () => ({ widgetKey: config.PORTAL_WIDGET_KEY }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/portal/lookup',
    tag,
    access: 'public',
    rateLimit: ipRateLimit('portal-lookup', config.PORTAL_LOOKUPS_PER_IP, 15 * 60),
    summary:
      'Serial -> model and coverage; with the last four digits of the owner phone also documents, ' +
      'service history and a session token for requests',
    body: lookupBody,
    handler: async ({ body }) => {
      const found = await lookupUnit(body.serial, body.phoneLast4);
      return isOwnerView(found) ? presentOwnerView(found) : presentUnitStatus(found);
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/portal/requests',
    tag,
    access: 'public',
    rateLimit: ipRateLimit('portal-requests', 20, 3600),
    summary:
      'Guarantee claim, out-of-guarantee service request or callback (Authorization: Bearer <portal session>)',
    body: portalRequestBody,
    status: 201,
    handler: async ({ req, res, body }) => {
      const session = portalSessionFrom(req.headers.authorization);
      const { ticket, duplicate } = await submitPortalRequest(session, body);
      if (!duplicate) return presentPortalRequest(ticket);
      res.status(200).json(presentPortalRequest(ticket));
      return RESPONDED;
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/portal/requests/:ticketId/photos',
    tag,
    access: 'public',
    rateLimit: ipRateLimit('portal-photos', 30, 3600),
    summary:
      'Adds a photo (or PDF) to a request the owner filed: the raw file as the body with its ' +
      'Content-Type, ?name=<file name>',
    params: photoParams,
    query: photoQuery,
    status: 201,
    handler: async ({ req, res, params, query }) => {
      const session = portalSessionFrom(req.headers.authorization);
      const message = await portalMessageOf(session, params.ticketId);
      await readFileBody(req, res);
      if (!Buffer.isBuffer(req.body) || !req.body.length)
        throw unsupportedMediaType('Send the photo as the body with an image or PDF Content-Type');
      const attachment = await storeAttachment({
        data: req.body,
        name: query.name ?? 'photo',
        ticketId: params.ticketId,
        uploadedBy: { kind: 'contact', id: session.contactId },
        maxBytes: PHOTO_MAX_BYTES,
        accept: 'images-pdf',
      });
      if (attachment.dropped)
        throw unprocessable('photo_refused', attachment.reason ?? 'The file was refused');
      await attachToPortalMessage(message, attachment);
      return {
        name: attachment.name,
        contentType: attachment.contentType,
        size: attachment.size,
      };
    },
  });
  return router;
}

const fileParser = express.raw({
  type: ['image/*', 'application/pdf', 'application/octet-stream'],
  limit: PHOTO_MAX_BYTES,
});

function readFileBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    fileParser(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
  });
}
