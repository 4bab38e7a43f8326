import type { MessageKey } from '../i18n/dictionaries';
import type { Translate } from '../i18n/translate';
import { ApiError, NetworkError } from './http';

/** Server error codes with a sentence of our own in both languages; others show the server's message. */
const KNOWN_CODES: Record<string, MessageKey> = {
  channel_unavailable: 'error.channelUnavailable',
  contact_unreachable: 'error.contactUnreachable',
  invalid_transition: 'error.invalidTransition',
  ticket_changed: 'error.ticketChanged',
  same_expert: 'error.sameExpert',
  different_contacts: 'error.differentContacts',
  merge_self: 'error.mergeSelf',
  already_merged: 'error.alreadyMerged',
  unknown_serial: 'error.unknownSerial',
  csrf_failed: 'error.sessionExpired',
  shortcut_taken: 'error.shortcutTaken',
  email_taken: 'error.emailTaken',
  unknown_group: 'error.unknownGroup',
  attachment_refused: 'error.attachmentRefused',
  payload_too_large: 'error.fileTooLarge',
  sms_opted_out: 'error.optedOut',
  slug_taken: 'error.slugTaken',
  channel_off: 'error.channelOff',
  unknown_product: 'error.unknownProduct',
};

/**
 * Why a reply was not delivered: our own reasons in the reader's language, a provider's words
 * (Twilio, an SMTP server, a bounce) as they came.
 */
export function describeDeliveryError(
  failure: { deliveryError: string | null; deliveryErrorCode: string | null },
  t: Translate,
): string | null {
  const known = failure.deliveryErrorCode ? KNOWN_CODES[failure.deliveryErrorCode] : undefined;
  return known ? t(known) : failure.deliveryError;
}

/** A sentence for the user; 401 is left to the caller because its meaning depends on the request. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfterSeconds === null
        ? t('error.tooManyAttempts')
        : t('error.retryAfter', { seconds: error.retryAfterSeconds });
    }
    const known = KNOWN_CODES[error.code];
    if (known) return t(known);
    if (error.status === 404) return t('error.notFound');
    if (error.message && error.status < 500) return error.message;
  }
  return t('error.unexpected');
}
