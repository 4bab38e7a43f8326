import { redis, redisKey } from '../../core/redis.js';

/**
 * Hot-path lookups kept in Redis, so a visitor's connection and each message reach MongoDB by
 * `_id` only (every other query scans the collection on FerretDB). Both are caches: a miss
 * falls back to the database, which stays the truth.
 */
const TTL_SECONDS = 24 * 3600;
const NONE = 'none';
const currentKey = (visitorId: string) => redisKey('webchat', 'current', visitorId);
const clientKey = (visitorId: string, clientId: string) =>
  redisKey('webchat', 'client', visitorId, clientId);

/** The visitor's current chat session id, `null` for "none", `undefined` when not cached. */
export async function cachedCurrentSession(visitorId: string): Promise<string | null | undefined> {
  const value = await redis().get(currentKey(visitorId));
  return value === null ? undefined : value === NONE ? null : value;
}

export async function cacheCurrentSession(visitorId: string, sessionId: string | null) {
  await redis().set(currentKey(visitorId), sessionId ?? NONE, 'EX', TTL_SECONDS);
}

export async function forgetCurrentSession(visitorId: string) {
  await redis().del(currentKey(visitorId));
}

/** The stored message id of a visitor's client message id (a resend after a reconnect). */
export const cachedClientMessage = (visitorId: string, clientId: string) =>
  redis().get(clientKey(visitorId, clientId));

export async function cacheClientMessage(visitorId: string, clientId: string, messageId: string) {
  await redis().set(clientKey(visitorId, clientId), messageId, 'EX', TTL_SECONDS);
}
