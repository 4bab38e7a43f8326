import { RateLimiterRes, type RateLimiterRedis } from 'rate-limiter-flexible';
import { AppError } from '../../core/errors.js';
import { limiter } from '../../core/http/rate-limit.js';
import { settingsVersion, webchatSettings } from './settings.js';

type Kind = 'message' | 'conversation' | 'lookup';
let built: { version: number; limiters: Record<string, RateLimiterRedis> } | undefined;

function limiters() {
  if (built?.version !== settingsVersion()) {
    const s = webchatSettings();
    built = {
      version: settingsVersion(),
      limiters: {
        'message:visitor': limiter('webchat-msg-visitor', s.messagesPerMinutePerVisitor, 60),
        'message:ip': limiter('webchat-msg-ip', s.messagesPerMinutePerIp, 60),
        'conversation:visitor': limiter(
          'webchat-conv-visitor',
          s.conversationsPerHourPerVisitor,
          3600,
        ),
        'conversation:ip': limiter('webchat-conv-ip', s.conversationsPerHourPerIp, 3600),
        'lookup:visitor': limiter('webchat-lookup-visitor', s.serialLookupsPerMinute, 60),
        'lookup:ip': limiter('webchat-lookup-ip', s.serialLookupsPerMinute * 5, 60),
      },
    };
  }
  return built.limiters;
}

/** Takes one point per visitor and per IP; throws `rate_limited` (429) when either is spent. */
export async function consumeVisitorBudget(kind: Kind, visitorId: string, ip: string) {
  const l = limiters();
  try {
    await Promise.all([l[`${kind}:visitor`]!.consume(visitorId), l[`${kind}:ip`]!.consume(ip)]);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.ceil(rejection.msBeforeNext / 1000);
    throw new AppError(
      429,
      'rate_limited',
      {
        message: `Too many messages; try again in ${retryAfterSeconds} s`,
        conversation: `Too many new conversations; try again in ${retryAfterSeconds} s`,
        lookup: `Too many serial number lookups; try again in ${retryAfterSeconds} s`,
      }[kind],
      { retryAfterSeconds },
    );
  }
}
