import type { Model } from 'mongoose';
import { redis, redisKey } from './redis.js';

/**
 * Next number of a human-readable sequence (ticket numbers), from Redis INCR: atomic across
 * processes and fast. MongoDB stays the truth: when the Redis key is missing (new or flushed
 * Redis) it is seeded from the highest number stored, and a unique index on the field rejects
 * any repeat.
 */
export async function nextNumber(
  name: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  field: string,
  start = 10_000,
): Promise<number> {
  const key = redisKey('seq', name);
  if (!(await redis().exists(key))) {
    const top = await model
      .findOne({}, { [field]: 1 })
      .sort({ [field]: -1 })
      .lean<Record<string, number>>();
    await redis().set(key, String(Math.max(start, top?.[field] ?? 0)), 'NX');
  }
  return redis().incr(key);
}
