import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { INLINE_TYPES } from './content-type.js';
import type { OpenedAttachment } from './service.js';

/** Sends a stored file: inline when a browser shows it safely, otherwise as a download. */
export async function sendAttachment(res: Response, file: OpenedAttachment): Promise<void> {
  const inline = INLINE_TYPES.has(file.contentType);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader(
    'Content-Disposition',
    contentDisposition(file.name, { type: inline ? 'inline' : 'attachment' }),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, max-age=3600');
  // Files come from customers: even when opened directly they may not run anything.
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'");
  await pipeline(file.stream, res);
}
