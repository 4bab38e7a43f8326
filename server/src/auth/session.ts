import { randomBytes, timingSafeEqual } from 'node:crypto';
import { redis, redisKey } from '../core/redis.js';
import type { Role } from '../core/http/route.js';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  groups: string[];
}

interface StoredSession {
  userId: string;
  csrf: string;
  createdAt: string;
}

export const SESSION_COOKIE = 'cc_sid';
const SID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Sessions are opaque random ids in Redis, so logout and deactivation take effect at once. */
export async function createSession(userId: string, ttlSeconds: number) {
  const sid = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const stored: StoredSession = { userId, csrf, createdAt: new Date().toISOString() };
  await redis().set(redisKey('session', sid), JSON.stringify(stored), 'EX', Math.round(ttlSeconds));
  return { sid, csrf };
}

export async function readSession(sid: string | undefined): Promise<StoredSession | null> {
  if (!sid || !SID_PATTERN.test(sid)) return null;
  const raw = await redis().get(redisKey('session', sid));
  return raw ? (JSON.parse(raw) as StoredSession) : null;
}

export async function destroySession(sid: string): Promise<void> {
  await redis().del(redisKey('session', sid));
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/** Reads the session id from a raw Cookie header (used by the socket.io handshake). */
export function sidFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
