import type twilio from 'twilio';
import type { TwilioSettings } from './client.js';
import { fetchTwilioMedia, type FetchedMedia } from './media.js';

/** What a failed REST call tells us: retry later (5xx, 429, network) or give up (other 4xx). */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/**
 * Twilio behind the few calls the SMS channel makes. Receives its SDK client, so tests hand it
 * one pointed at the loopback imitation.
 */
export class TwilioSmsProvider {
  constructor(
    private readonly client: twilio.Twilio,
    readonly settings: TwilioSettings,
  ) {}

  get statusCallbackUrl(): string {
    return `${this.settings.publicUrl}/webhooks/twilio/sms-status`;
  }

  async send(input: { from: string; to: string; body: string }): Promise<{ sid: string }> {
    try {
      const created = await this.client.messages.create({
        from: input.from,
        to: input.to,
        body: input.body,
        statusCallback: this.statusCallbackUrl,
      });
      return { sid: created.sid };
    } catch (err) {
      const e = err as { status?: unknown; code?: unknown; message?: unknown };
      const status = typeof e.status === 'number' ? e.status : null;
      const code = typeof e.code === 'number' ? e.code : null;
      const message = typeof e.message === 'string' ? e.message : 'Twilio request failed';
      const retryable = status === null || status >= 500 || status === 429;
      throw new SmsSendError(
        code ? `${message} (Twilio error ${code})` : message,
        retryable,
        status,
        code,
      );
    }
  }

  /** Fetches one MMS media item with the account's credentials, within the size limit. */
  fetchMedia(url: string, declaredType: string | null): Promise<FetchedMedia> {
    return fetchTwilioMedia(this.settings, url, this.settings.mediaMaxBytes, declaredType);
  }
}
