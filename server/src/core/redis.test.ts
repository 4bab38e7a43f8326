import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeRedis, configureRedis, newRedis } from './redis.js';

beforeAll(() => configureRedis(inject('redisUrl'), `t_${randomBytes(4).toString('hex')}`));
afterAll(() => closeRedis());

describe('Redis connections', () => {
  it('a command nobody waits for that dies with the connection is not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const client = newRedis();
      await client.ping();
      const quitting = client.quit();
      // As a library's publish does: sent after QUIT, so Redis never answers it, and not awaited.
      void client.publish('nobody-listens', 'late');
      const awaited = client.get('late-key');
      // QUIT itself may lose its OK to the close when more commands follow it.
      await quitting.catch(() => undefined);
      await expect(awaited).rejects.toThrow('Connection is closed');
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', note);
    }
    expect(unhandled).toEqual([]);
  });
});
