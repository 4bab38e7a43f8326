import { Router } from 'express';
import { z } from 'zod';
import { defineRoute, RESPONDED, STAFF } from '../core/http/route.js';
import { objectId } from '../core/http/pagination.js';
import { unprocessable } from '../core/errors.js';
import { assertCanSeeTicket } from '../tickets/policy.js';
import { getTicket } from '../tickets/service.js';
import { sendAttachment } from './download.js';
import { presentAttachment } from './presenter.js';
import { openAttachment, storeAttachment } from './service.js';
import { singleFileUpload } from './upload.js';

const idParams = z.strictObject({ id: objectId });

/** Staff upload files to a ticket (then send them with a reply or note) and open them. */
export function attachmentRoutes(): Router {
  const router = Router();
  const tag = 'Attachments';

  router.post(
    '/tickets/:id/attachments',
    singleFileUpload((req) => Boolean(req.user)),
  );
  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/attachments',
    tag,
    access: STAFF,
    status: 201,
    summary: 'Upload a file (multipart field `file`) to send with a reply or note',
    params: idParams,
    handler: async ({ params, me, req }) => {
      const ticket = await getTicket(params.id);
      assertCanSeeTicket(me, ticket);
      const file = req.file!;
      const stored = await storeAttachment({
        data: file.buffer,
        name: file.originalname,
        ticketId: ticket._id,
        uploadedBy: { kind: 'expert', id: me.id },
      });
      if (stored.dropped)
        throw unprocessable('attachment_refused', `File refused: ${stored.reason}`);
      return presentAttachment(stored);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/attachments/:id',
    tag,
    access: STAFF,
    summary: 'Open a file of a ticket the caller can see',
    params: idParams,
    handler: async ({ params, me, res }) => {
      const file = await openAttachment(params.id);
      assertCanSeeTicket(me, await getTicket(String(file.ticketId)));
      await sendAttachment(res, file);
      return RESPONDED;
    },
  });
  return router;
}
