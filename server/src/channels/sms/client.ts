import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { Config } from '../../core/config.js';

/**
 * The SDK's own HTTP client with every request's origin replaced (tests: a loopback imitation of
 * Twilio). Edge/region settings only rename Twilio hosts, so they cannot point at loopback.
 */
export class OriginRewritingRequestClient extends twilio.RequestClient {
  private readonly target: URL;

  constructor(origin: string) {
    super();
    this.target = new URL(origin);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.target.protocol;
    uri.host = this.target.host;
    return super.request<TData>({ ...opts, uri: uri.toString() });
  }
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  numbers: string[];
  publicUrl: string;
  mediaMaxBytes: number;
  apiBaseUrl?: string;
}

/** The SMS settings, or null when the channel is off (no account SID and token). */
export function twilioSettings(config: Config): TwilioSettings | null {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return null;
  return {
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    numbers: config.TWILIO_SMS_NUMBERS,
    publicUrl: config.PUBLIC_URL,
    mediaMaxBytes: config.TWILIO_MEDIA_MAX_BYTES,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
  };
}

/** The real SDK client; only with TWILIO_API_BASE_URL (tests) is its HTTP client replaced. */
export function createTwilioClient(settings: TwilioSettings): twilio.Twilio {
  return twilio(settings.accountSid, settings.authToken, {
    ...(settings.apiBaseUrl
      ? { httpClient: new OriginRewritingRequestClient(settings.apiBaseUrl) }
      : {}),
  });
}
