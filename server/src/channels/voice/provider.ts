import type twilio from 'twilio';
import type { TwilioSettings } from '../sms/client.js';
import { fetchTwilioMedia, type FetchedMedia } from '../sms/media.js';

export interface VoiceSettings extends TwilioSettings {
  voiceNumbers: string[];
  promptUrls: { fa?: string; en?: string };
  dialTimeoutSec: number;
  voicemailMaxSec: number;
  missedCallCallback: boolean;
}

/** What a failed Calls.json request tells the expert. */
export class CallStartError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'CallStartError';
  }
}

/** Twilio behind the calls the voice channel makes; receives its SDK client (tests: loopback). */
export class TwilioVoiceProvider {
  constructor(
    private readonly client: twilio.Twilio,
    readonly settings: VoiceSettings,
  ) {}

  url(path: string): string {
    return this.settings.publicUrl + path;
  }

  /** Places an outbound call whose TwiML comes from `twimlPath`; both status URLs are ours. */
  async call(input: {
    to: string;
    from: string;
    twimlPath: string;
    statusPath: string;
  }): Promise<{ sid: string }> {
    try {
      const created = await this.client.calls.create({
        to: input.to,
        from: input.from,
        url: this.url(input.twimlPath),
        statusCallback: this.url(input.statusPath),
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        timeout: this.settings.dialTimeoutSec,
      });
      return { sid: created.sid };
    } catch (err) {
      const e = err as { status?: unknown; code?: unknown; message?: unknown };
      const status = typeof e.status === 'number' ? e.status : null;
      const message = typeof e.message === 'string' ? e.message : 'Twilio request failed';
      throw new CallStartError(
        typeof e.code === 'number' ? `${message} (Twilio error ${e.code})` : message,
        status,
      );
    }
  }

  /** A call recording as MP3, fetched with the account's credentials within the media limit. */
  fetchRecording(recordingUrl: string): Promise<FetchedMedia> {
    return fetchTwilioMedia(
      this.settings,
      `${recordingUrl.replace(/\.(mp3|wav)$/, '')}.mp3`,
      this.settings.mediaMaxBytes,
      'audio/mpeg',
    );
  }
}
