import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { config } from '../../core/config.js';
import { verifyVisitorToken } from './token.js';

const URL_TTL_MS = 24 * 3600 * 1000;

const signature = (fileId: string, visitorId: string, expires: number) =>
  createHmac('sha256', config().APP_SECRET)
    .update(`webchat-file:${fileId}:${visitorId}:${expires}`)
    .digest('base64url');

/**
 * A download address for a visitor's file that works in `<img src>` (no header can be sent
 * there): signed for this visitor and file, valid for a day. The token itself never goes in a URL.
 */
export function visitorAttachmentUrl(fileId: string, visitorId: string, now = Date.now()): string {
  const expires = now + URL_TTL_MS;
  const query = new URLSearchParams({
    v: visitorId,
    exp: String(expires),
    sig: signature(fileId, visitorId, expires),
  });
  return `/api/webchat/attachments/${fileId}?${query.toString()}`;
}

/** The visitor a download is for: from a signed address or a Bearer visitor token; else null. */
export function visitorForDownload(req: Request, fileId: string, now = Date.now()): string | null {
  const fromHeader = visitorFromBearer(req);
  if (fromHeader) return fromHeader;
  const { v, exp, sig } = req.query as Record<string, unknown>;
  if (typeof v !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return null;
  const expires = Number(exp);
  if (!Number.isSafeInteger(expires) || expires < now) return null;
  const expected = Buffer.from(signature(fileId, v, expires));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? v : null;
}

export function visitorFromBearer(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return verifyVisitorToken(header.slice('Bearer '.length).trim());
}
