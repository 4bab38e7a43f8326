import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import type { Translate } from '../i18n/translate';
import { describeDeliveryError, describeError } from './error-message';
import { ApiError, NetworkError } from './http';

const t: Translate = (key, params) => translate('en', key, params);

describe('describeError', () => {
  it('explains rate limiting, with the wait when the server gave one', () => {
    expect(describeError(new ApiError(429, 'too_many_requests', 'x', 5), t)).toBe(
      'Too many attempts. Please try again in 5 seconds.',
    );
    expect(describeError(new ApiError(429, 'too_many_requests', 'x'), t)).toBe(
      translate('en', 'error.tooManyAttempts'),
    );
  });

  it('explains a network failure', () => {
    expect(describeError(new NetworkError(new TypeError('Failed to fetch')), t)).toBe(
      translate('en', 'error.network'),
    );
  });

  it('shows the server’s message for client errors and a generic one for server errors', () => {
    expect(describeError(new ApiError(403, 'forbidden', 'Account disabled'), t)).toBe(
      'Account disabled',
    );
    expect(describeError(new ApiError(500, 'internal', 'Internal error'), t)).toBe(
      translate('en', 'error.unexpected'),
    );
    expect(describeError(new Error('boom'), t)).toBe(translate('en', 'error.unexpected'));
  });

  it('says in the user’s language what a known error code means', () => {
    const noChannel = new ApiError(422, 'channel_unavailable', 'Replies on sms are not available');
    expect(describeError(noChannel, t)).toBe(translate('en', 'error.channelUnavailable'));
    expect(describeError(new ApiError(404, 'not_found', 'Ticket not found'), t)).toBe(
      translate('en', 'error.notFound'),
    );
  });
});

describe('describeDeliveryError', () => {
  it('translates our own reasons and keeps a provider’s words as they came', () => {
    const fa: Translate = (key, params) => translate('fa', key, params);
    const optedOut = {
      deliveryError: 'Not sent: opted out (STOP)',
      deliveryErrorCode: 'sms_opted_out',
    };
    expect(describeDeliveryError(optedOut, fa)).toBe(translate('fa', 'error.optedOut'));
    expect(describeDeliveryError(optedOut, t)).toBe(translate('en', 'error.optedOut'));
    const twilio = { deliveryError: 'Invalid To number (Twilio 21211)', deliveryErrorCode: null };
    expect(describeDeliveryError(twilio, fa)).toBe('Invalid To number (Twilio 21211)');
    expect(describeDeliveryError({ deliveryError: null, deliveryErrorCode: null }, t)).toBeNull();
  });
});
