import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from '../../core/config.js';

const VERSION = 'v1';

const sign = (visitorId: string, issuedAt: number) =>
  createHmac('sha256', config().APP_SECRET)
    .update(`webchat-visitor:${visitorId}:${issuedAt}`)
    .digest('base64url');

/** A new visitor identity and its token `v1.<visitorId>.<issuedAt>.<hmac>`. */
export function issueVisitorToken(
  visitorId = randomBytes(16).toString('base64url'),
  issuedAt = Date.now(),
) {
  return { visitorId, token: `${VERSION}.${visitorId}.${issuedAt}.${sign(visitorId, issuedAt)}` };
}

/** The visitor id of a genuine, unexpired token; null for anything else. */
export function verifyVisitorToken(token: unknown, now = Date.now()): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [version, visitorId, issued, mac, ...rest] = token.split('.');
  if (version !== VERSION || !visitorId || !issued || !mac || rest.length) return null;
  const issuedAt = Number(issued);
  if (!Number.isSafeInteger(issuedAt) || issuedAt > now + 60_000) return null;
  if (now - issuedAt > config().WEBCHAT_TOKEN_DAYS * 24 * 3600 * 1000) return null;
  const expected = Buffer.from(sign(visitorId, issuedAt));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return visitorId;
}
