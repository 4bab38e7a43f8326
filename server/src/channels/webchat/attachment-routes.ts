import { Router } from 'express';
import { z } from 'zod';
import { presentAttachment } from '../../attachments/presenter.js';
import { sendAttachment } from '../../attachments/download.js';
import { getAttachment, openAttachment, storeAttachment } from '../../attachments/service.js';
import { singleFileUpload } from '../../attachments/upload.js';
import { notFound, unauthorized, unprocessable } from '../../core/errors.js';
import { objectId } from '../../core/http/pagination.js';
import { ipRateLimit } from '../../core/http/rate-limit.js';
import { defineRoute, RESPONDED } from '../../core/http/route.js';
import { visitorAttachmentUrl, visitorForDownload, visitorFromBearer } from './attachments.js';
import { WebchatSession } from './model.js';
import { currentSession } from './service.js';

const UPLOADS_PER_IP_PER_HOUR = 60;

/**
 * Visitors upload photos and PDFs to their current chat (then send them with a message) and open
 * files of their own chats only. Auth is the visitor token, not a staff session.
 */
export function webchatAttachmentRoutes(): Router {
  const router = Router();
  const tag = 'Web chat';

  router.post(
    '/webchat/attachments',
    ipRateLimit('webchat-upload', UPLOADS_PER_IP_PER_HOUR, 3600),
    singleFileUpload((req) => visitorFromBearer(req) !== null),
  );
  defineRoute(router, {
    method: 'post',
    path: '/webchat/attachments',
    tag,
    access: 'public',
    status: 201,
    summary:
      'Visitor upload (Bearer visitor token, multipart field `file`): a photo or PDF for the current chat',
    handler: async ({ req }) => {
      const visitorId = visitorFromBearer(req);
      if (!visitorId) throw unauthorized('A valid visitor token is required');
      const session = await currentSession(visitorId);
      if (!session) throw notFound('Chat');
      const file = req.file!;
      const stored = await storeAttachment({
        data: file.buffer,
        name: file.originalname,
        ticketId: session.ticket,
        uploadedBy: { kind: 'contact', id: visitorId },
        accept: 'images-pdf',
      });
      if (stored.dropped)
        throw unprocessable('attachment_refused', `File refused: ${stored.reason}`);
      return {
        ...presentAttachment(stored),
        url: visitorAttachmentUrl(String(stored.fileId), visitorId),
      };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/webchat/attachments/:id',
    tag,
    access: 'public',
    summary: "Visitor download of a file of one of the visitor's own chats (signed URL or Bearer)",
    params: z.strictObject({ id: objectId }),
    // The signed-URL parameters are checked by visitorForDownload.
    query: z.looseObject({}),
    handler: async ({ params, req, res }) => {
      const visitorId = visitorForDownload(req, params.id);
      if (!visitorId) throw unauthorized('A valid visitor token or signed address is required');
      const doc = await getAttachment(params.id);
      const own = await WebchatSession.exists({ visitorId, ticket: doc.ticket });
      if (!own) throw notFound('Attachment');
      await sendAttachment(res, await openAttachment(params.id));
      return RESPONDED;
    },
  });
  return router;
}
