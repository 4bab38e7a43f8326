import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { config } from '../core/config.js';
import { badRequest, payloadTooLarge, unauthorized } from '../core/errors.js';

/**
 * Parses one multipart file (field `file`) into memory, up to the attachment limit. Runs after
 * the caller is known (`isAllowed`), so nobody uploads bytes before being authorised.
 */
export function singleFileUpload(isAllowed: (req: Request) => boolean): RequestHandler {
  const parser = multer({
    storage: multer.memoryStorage(),
    // Browsers send Persian file names as raw UTF-8 in the part header.
    defParamCharset: 'utf8',
    limits: { fileSize: config().ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isAllowed(req)) return next(unauthorized());
    if (!req.is('multipart/form-data'))
      return next(badRequest('multipart_required', 'Send the file as multipart/form-data'));
    parser(req, res, (err: unknown) => {
      if (!err) {
        if (!req.file)
          return next(badRequest('file_missing', 'Send the file in a field named file'));
        return next();
      }
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return next(
            payloadTooLarge(`The file is larger than ${config().ATTACHMENT_MAX_BYTES} bytes`),
          );
        return next(badRequest('upload_invalid', err.message));
      }
      next(err);
    });
  };
}
