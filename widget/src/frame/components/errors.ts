import type { WidgetLocale } from '../../protocol';
import { ChatError } from '../connection';
import { FRAME_TEXT, formatNumber } from '../i18n';

/** What to tell the visitor about a failed request, in their language. */
export function errorText(err: unknown, locale: WidgetLocale): string {
  const t = FRAME_TEXT[locale];
  if (err instanceof ChatError && err.code === 'rate_limited')
    return t.rateLimited(formatNumber(err.retryAfterSeconds ?? 60, locale));
  if (err instanceof ChatError && locale === 'en' && err.code !== 'timeout') return err.message;
  return t.error;
}
