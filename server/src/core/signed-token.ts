import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from './config.js';

/**
 * Short tokens `<part>.<part>...<expiresAtMs>.<hmac>` signed with APP_SECRET for one purpose
 * (portal sessions, survey links). Parts must not contain dots.
 */
const mac = (purpose: string, body: string) =>
  createHmac('sha256', config().APP_SECRET).update(`${purpose}:${body}`).digest('base64url');

export function signToken(purpose: string, parts: string[], expiresAt: Date): string {
  const body = [...parts, String(expiresAt.getTime())].join('.');
  return `${body}.${mac(purpose, body)}`;
}

export type VerifiedToken =
  { ok: true; parts: string[]; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyToken(
  purpose: string,
  token: unknown,
  partCount: number,
  now = Date.now(),
): VerifiedToken {
  if (typeof token !== 'string' || token.length > 400) return { ok: false, reason: 'invalid' };
  const pieces = token.split('.');
  if (pieces.length !== partCount + 2) return { ok: false, reason: 'invalid' };
  const given = Buffer.from(pieces.pop()!);
  const body = pieces.join('.');
  const expected = Buffer.from(mac(purpose, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  const expiresAt = Number(pieces.pop());
  if (!Number.isSafeInteger(expiresAt)) return { ok: false, reason: 'invalid' };
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, parts: pieces, expiresAt: new Date(expiresAt) };
}
