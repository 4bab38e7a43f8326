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

/**
 * Reserves `messageId` for a visitor's client message id (kept a day, the longest a widget keeps
 * an unacknowledged message); answers the id reserved earlier when the client id was seen before.
 */
export async function claimClientMessage(
  visitorId: string,
  clientId: string,
  messageId: string,
): Promise<string | null> {
  const key = clientKey(visitorId, clientId);
  if ((await redis().set(key, messageId, 'EX', TTL_SECONDS, 'NX')) === 'OK') return null;
  return redis().get(key);
}
