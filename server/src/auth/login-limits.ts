import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { limiter, rejectionToError } from '../core/http/rate-limit.js';

export interface LoginLimitSettings {
  perAccount: number;
  perIp: number;
  blockMinutes: number;
}

/** Counts failed logins per account and per IP; either budget spent blocks for blockMinutes. */
export class LoginLimits {
  private readonly byAccount: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(s: LoginLimitSettings) {
    const window = s.blockMinutes * 60;
    this.byAccount = limiter('login-account', s.perAccount, window, window);
    this.byIp = limiter('login-ip', s.perIp, window, window);
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.byAccount.get(email), this.byIp.get(ip)]);
    for (const [res, limit] of [
      [account, this.byAccount],
      [address, this.byIp],
    ] as const) {
      if (res && res.consumedPoints >= limit.points) throw rejectionToError(res, 'failed sign-ins');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.allSettled([this.byAccount.consume(email), this.byIp.consume(ip)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}
