import type { RequestHandler } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { tooManyRequests } from '../errors.js';
import { redis, redisKey } from '../redis.js';

export function limiter(name: string, points: number, durationSeconds: number, blockSeconds = 0) {
  return new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: redisKey('rl', name),
    points,
    duration: durationSeconds,
    blockDuration: blockSeconds,
  });
}

export function rejectionToError(rejection: unknown, what: string) {
  if (rejection instanceof RateLimiterRes) {
    return tooManyRequests(`Too many ${what}; try again later`, rejection.msBeforeNext / 1000);
  }
  throw rejection;
}

/** Per-IP request budget for a public endpoint. Built lazily: Redis is configured at start-up. */
export function ipRateLimit(name: string, points: number, durationSeconds: number): RequestHandler {
  let rl: RateLimiterRedis | undefined;
  return async (req, _res, next) => {
    rl ??= limiter(name, points, durationSeconds);
    try {
      await rl.consume(req.ip ?? 'unknown');
      next();
    } catch (rejection) {
      next(rejectionToError(rejection, 'requests'));
    }
  };
}
