import type { Translate } from '../i18n/translate';
import { ApiError, NetworkError } from './http';

/** A sentence for the user; 401 is left to the caller because its meaning depends on the request. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfterSeconds === null
        ? t('error.tooManyAttempts')
        : t('error.retryAfter', { seconds: error.retryAfterSeconds });
    }
    if (error.message && error.status < 500) return error.message;
  }
  return t('error.unexpected');
}
