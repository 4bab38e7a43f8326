import { randomBytes } from 'node:crypto';
import { lockKey } from '../../core/locks.js';
import { redis } from '../../core/redis.js';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis that one process holds while it keeps a mailbox's IMAP connection: renewed
 * while the holder lives, gone `ttlMs` after it dies, so another worker takes over.
 */
export class Lease {
  private readonly token = randomBytes(12).toString('base64url');
  private readonly key: string;

  constructor(
    name: string,
    private readonly ttlMs: number,
  ) {
    this.key = lockKey('lease', name);
  }

  async acquire(): Promise<boolean> {
    return (await redis().set(this.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** False when the lease was lost (expired and taken, or deleted). */
  async renew(): Promise<boolean> {
    return Number(await redis().eval(RENEW, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await redis().eval(RELEASE, 1, this.key, this.token);
  }
}
