import { randomBytes } from 'node:crypto';
import { AppError } from './errors.js';
import { redis, redisKey } from './redis.js';

/**
 * Per-document mutual exclusion across processes, in Redis.
 *
 * Why: our local MongoDB-compatible server (FerretDB 1.24) applies update operators as
 * read-modify-write without isolation: 40 concurrent `$inc` on one document were measured to
 * leave it at 2. So every document that several processes may write at once (tickets, experts'
 * routing fields, sequences) is written only while holding its lock. On real MongoDB this costs
 * one Redis round trip and keeps the same guarantees.
 */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface LockOptions {
  /** How long the lock lives if its holder dies (ms). */
  ttlMs?: number;
  /** How long to keep trying to take it (ms); 0 = one try. */
  waitMs?: number;
}

export const lockKey = (kind: string, id: string): string => redisKey('lock', kind, id);

async function acquire(key: string, ttlMs: number, waitMs: number): Promise<string | null> {
  const token = randomBytes(12).toString('base64url');
  const deadline = Date.now() + waitMs;
  let delay = 2;
  for (;;) {
    if ((await redis().set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return token;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}

async function release(key: string, token: string): Promise<void> {
  await redis().eval(RELEASE, 1, key, token);
}

export class LockBusyError extends AppError {
  constructor(what: string) {
    super(409, 'busy', `${what} is being changed by someone else; try again`);
  }
}

/**
 * Runs fn holding all the named locks (taken in sorted order, so two callers never deadlock).
 * Returns null without running fn when `waitMs` passes first.
 */
export async function tryWithLocks<T>(
  keys: string[],
  fn: () => Promise<T>,
  { ttlMs = 10_000, waitMs = 0 }: LockOptions = {},
): Promise<{ value: T } | null> {
  const sorted = [...new Set(keys)].sort();
  const held: Array<[string, string]> = [];
  // While fn runs (a slow database can take longer than the TTL), keep extending the locks;
  // the TTL only matters when the holder's process dies.
  const keepAlive = setInterval(() => {
    for (const [key, token] of held)
      void redis()
        .eval(EXTEND, 1, key, token, ttlMs)
        .catch(() => undefined);
  }, ttlMs / 3);
  try {
    for (const key of sorted) {
      const token = await acquire(key, ttlMs, waitMs);
      if (!token) return null;
      held.push([key, token]);
    }
    return { value: await fn() };
  } finally {
    clearInterval(keepAlive);
    await Promise.all(held.map(([key, token]) => release(key, token)));
  }
}

/** Like tryWithLocks, but waits (default 5 s) and throws 409 busy if it cannot get them. */
export async function withLocks<T>(
  keys: string[],
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const result = await tryWithLocks(keys, fn, { waitMs: 5_000, ...options });
  if (!result) throw new LockBusyError('This record');
  return result.value;
}
