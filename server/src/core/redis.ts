import { Redis, type RedisOptions } from 'ioredis';
import { logger } from './logger.js';

let url = '';
let prefix = 'cc';
let shared: Redis | undefined;
const opened = new Set<Redis>();

export function configureRedis(redisUrl: string, keyPrefix: string): void {
  url = redisUrl;
  prefix = keyPrefix;
}

/** Every key this system writes is namespaced by REDIS_PREFIX. */
export const redisKey = (...parts: string[]): string => [prefix, ...parts].join(':');

/** A new connection (BullMQ workers and socket.io pub/sub each need their own). */
export function newRedis(options: RedisOptions = {}): Redis {
  if (!url) throw new Error('configureRedis() was not called');
  const client = new Redis(url, { maxRetriesPerRequest: null, ...options });
  client.on('error', (err) => logger.debug({ err: err.message }, 'redis: connection error'));
  opened.add(client);
  client.once('end', () => opened.delete(client));
  return client;
}

/**
 * The process's shared command connection. Commands fail fast when Redis is down. Not
 * auto-pipelined: with it, a command queued in the same tick as a shutdown's QUIT failed as an
 * unhandled rejection ("Connection is closed") in test runs.
 */
export function redis(): Redis {
  shared ??= newRedis({ maxRetriesPerRequest: 1, enableOfflineQueue: false });
  return shared;
}

export async function redisReady(): Promise<boolean> {
  try {
    const answer = await Promise.race([
      redis().ping(),
      new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 1000)),
    ]);
    return answer === 'PONG';
  } catch {
    return false;
  }
}

export async function closeRedis(): Promise<void> {
  await Promise.all([...opened].map((c) => c.quit().catch(() => c.disconnect())));
  shared = undefined;
}

export async function waitForRedis(client: Redis = redis(), timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Redis not ready after ${timeoutMs}ms`)),
      timeoutMs,
    );
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
