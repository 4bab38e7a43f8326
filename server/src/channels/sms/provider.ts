import type twilio from 'twilio';
import type { TwilioSettings } from './client.js';

/** One attachment as stored on a message. */
export interface Attachment {
  fileId: null;
  name: string;
  contentType: string;
  size: number;
  dropped: boolean;
  reason: string | null;
}

/** Where Twilio serves MMS media; anything else in a MediaUrl is not fetched. */
const TWILIO_MEDIA_ORIGIN = 'https://api.twilio.com';

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

  /**
   * Fetches one MMS media item with the account's credentials, within the size limit. The bytes
   * are not kept yet: there is no file storage module, so every item is recorded as a dropped
   * attachment with its type, size and the reason.
   */
  async fetchMedia(url: string, index: number, declaredType: string | null): Promise<Attachment> {
    const name = `media-${index}`;
    const dropped = (reason: string, contentType = declaredType ?? '', size = 0): Attachment => ({
      fileId: null,
      name,
      contentType,
      size,
      dropped: true,
      reason,
    });
    const target = this.mediaTarget(url);
    if (!target) return dropped('media URL is not a Twilio media URL');
    const limit = this.settings.mediaMaxBytes;
    const auth = Buffer.from(`${this.settings.accountSid}:${this.settings.authToken}`).toString(
      'base64',
    );
    let res: Response;
    try {
      res = await fetch(target, {
        headers: { authorization: `Basic ${auth}` },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      return dropped(`fetch failed: ${(err as Error).message}`);
    }
    const contentType = res.headers.get('content-type') ?? declaredType ?? '';
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return dropped(`fetch failed: HTTP ${res.status}`, contentType);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      await res.body.cancel();
      return dropped(`larger than the ${limit}-byte limit`, contentType, declared);
    }
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return dropped(`larger than the ${limit}-byte limit`, contentType, size);
      }
    }
    return dropped('storage not available yet', contentType, size);
  }

  /** Twilio's media URL, sent to the configured API origin when one is set (tests). */
  private mediaTarget(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.origin !== TWILIO_MEDIA_ORIGIN) return null;
    if (this.settings.apiBaseUrl) {
      const base = new URL(this.settings.apiBaseUrl);
      parsed.protocol = base.protocol;
      parsed.host = base.host;
    }
    return parsed.toString();
  }
}
