import { Redis, type Command, type RedisOptions } from 'ioredis';
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

/**
 * Libraries send commands nobody waits for (the socket.io adapter's and emitter's publishes, a
 * channel's unsubscribe on close); one that fails, at shutdown or while Redis is away, would be
 * an unhandled rejection, which ends a Node process. Every command's failure is noted here; a
 * caller that awaits the command still gets it.
 */
class Client extends Redis {
  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    const sent = super.sendCommand(command, stream);
    if (sent instanceof Promise)
      sent.catch((err: unknown) =>
        logger.debug(
          { err: (err as Error).message, command: command.name },
          'redis: command failed',
        ),
      );
    return sent;
  }
}

/** A new connection (BullMQ workers and socket.io pub/sub each need their own). */
export function newRedis(options: RedisOptions = {}): Redis {
  if (!url) throw new Error('configureRedis() was not called');
  const client = new Client(url, { maxRetriesPerRequest: null, ...options });
  client.on('error', (err) => logger.debug({ err: err.message }, 'redis: connection error'));
  opened.add(client);
  client.once('end', () => opened.delete(client));
  return client;
}

/** The process's shared command connection. Commands fail fast when Redis is down. */
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
