import type { Config } from '../../core/config.js';
import { createTwilioClient, twilioSettings } from '../sms/client.js';
import { TwilioVoiceProvider, type VoiceSettings } from './provider.js';

let provider: TwilioVoiceProvider | null = null;
let offReason = 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set';

/** Turns the voice channel on when the Twilio account and at least one voice number are set. */
export function setupVoiceChannel(config: Config): TwilioVoiceProvider | null {
  const base = twilioSettings(config);
  provider = null;
  if (!base) {
    offReason = 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set';
    return null;
  }
  if (!config.TWILIO_VOICE_NUMBERS.length) {
    offReason = 'TWILIO_VOICE_NUMBERS is empty';
    return null;
  }
  const settings: VoiceSettings = {
    ...base,
    voiceNumbers: config.TWILIO_VOICE_NUMBERS,
    promptUrls: { fa: config.VOICE_PROMPT_URL_FA, en: config.VOICE_PROMPT_URL_EN },
    dialTimeoutSec: config.VOICE_DIAL_TIMEOUT_SECONDS,
    voicemailMaxSec: config.VOICE_VOICEMAIL_MAX_SECONDS,
    missedCallCallback: config.VOICE_MISSED_CALL_CALLBACK,
  };
  provider = new TwilioVoiceProvider(createTwilioClient(settings), settings);
  return provider;
}

export function voiceProvider(): TwilioVoiceProvider | null {
  return provider;
}

/** For /readyz details and the console's channel settings. */
export function voiceChannelStatus(): { enabled: boolean; numbers: string[]; reason?: string } {
  if (!provider) return { enabled: false, numbers: [], reason: offReason };
  return { enabled: true, numbers: provider.settings.voiceNumbers };
}
