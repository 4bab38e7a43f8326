import type { VisitorAck } from '@cc/shared';
import { toAppError } from '../../core/http/errors-middleware.js';
import { logger } from '../../core/logger.js';

export type Ack<T> = VisitorAck<T>;

/** Runs `fn` and answers `{ok, data}` or `{ok:false, error}` (no data) when there is an ack. */
export async function answerAck<T>(ack: Ack<T> | undefined, fn: () => Promise<T>): Promise<void> {
  try {
    const data = await fn();
    if (typeof ack === 'function') ack({ ok: true, data });
  } catch (err) {
    const e = toAppError(err);
    if (e.status >= 500) logger.error({ err }, 'socket event failed');
    if (typeof ack !== 'function') return;
    const retry =
      e.details && !Array.isArray(e.details) && typeof e.details.retryAfterSeconds === 'number'
        ? { retryAfterSeconds: e.details.retryAfterSeconds }
        : {};
    ack({ ok: false, error: { code: e.code, message: e.message, ...retry } });
  }
}
