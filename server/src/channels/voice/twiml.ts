import twilio from 'twilio';
import { ENGLISH_SWITCH, PROMPTS, SAY_LANGUAGE, type CallLanguage } from './prompts.js';

type VoiceResponse = twilio.twiml.VoiceResponse;
type Sayer = Pick<VoiceResponse, 'say'>;

export const VOICE_PATHS = {
  incoming: '/webhooks/twilio/voice',
  menu: '/webhooks/twilio/voice/menu',
  callbackNumber: '/webhooks/twilio/voice/callback-number',
  recorded: '/webhooks/twilio/voice/recorded',
  recording: '/webhooks/twilio/voice/recording',
  expertDialed: '/webhooks/twilio/voice/dialed',
  status: '/webhooks/twilio/voice/status',
  legStatus: '/webhooks/twilio/voice/leg-status',
  bridge: '/webhooks/twilio/callback/bridge',
  bridgeDialed: '/webhooks/twilio/callback/dialed',
  callbackLegStatus: '/webhooks/twilio/callback/leg-status',
} as const;

export const withQuery = (path: string, query: Record<string, string | number>): string =>
  `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;

type SayAttributes = NonNullable<Parameters<VoiceResponse['say']>[0]>;

/** Twilio's type lists only languages it has voices for; fa-IR is not one (see README: prompts). */
const say = (to: Sayer, lang: CallLanguage, text: string) =>
  to.say({ language: SAY_LANGUAGE[lang] as SayAttributes['language'] }, text);

export interface MenuOptions {
  /** PUBLIC_URL: Twilio is given absolute URLs, the ones it signs. */
  base: string;
  lang: CallLanguage;
  /** Inside the entry group's business hours: option 3 (talk to an expert) is offered. */
  open: boolean;
  promptUrl?: string;
  /** Times the menu has been played without a choice. */
  round: number;
}

/** The main menu: 1 callback, 2 voicemail, 3 expert (open hours only), 9 English (Persian menu). */
export function menuTwiml(o: MenuOptions): string {
  const base = o.base;
  const r = new twilio.twiml.VoiceResponse();
  const p = PROMPTS[o.lang];
  const gather = r.gather({
    numDigits: 1,
    timeout: 6,
    action: base + withQuery(VOICE_PATHS.menu, { lang: o.lang, open: o.open ? 1 : 0 }),
    method: 'POST',
  });
  if (o.promptUrl) gather.play(o.promptUrl);
  else {
    say(gather, o.lang, p.welcome);
    if (!o.open) say(gather, o.lang, p.closed);
    say(gather, o.lang, p.optionCallback);
    say(gather, o.lang, p.optionVoicemail);
    if (o.open) say(gather, o.lang, p.optionExpert);
  }
  if (o.lang === 'fa') say(gather, 'en', ENGLISH_SWITCH);
  if (o.round < 2)
    r.redirect(
      { method: 'POST' },
      base + withQuery(VOICE_PATHS.incoming, { lang: o.lang, round: o.round + 1 }),
    );
  else {
    say(r, o.lang, p.goodbye);
    r.hangup();
  }
  return r.toString();
}

export function invalidChoiceTwiml(base: string, lang: CallLanguage, round: number): string {
  const r = new twilio.twiml.VoiceResponse();
  say(r, lang, PROMPTS[lang].invalidChoice);
  r.redirect({ method: 'POST' }, base + withQuery(VOICE_PATHS.incoming, { lang, round }));
  return r.toString();
}

/** Option 1 (and the fallback when no expert answers): # for this number, or digits then #. */
export function callbackOfferTwiml(base: string, lang: CallLanguage, lead: string[] = []): string {
  const r = new twilio.twiml.VoiceResponse();
  for (const line of lead) say(r, lang, line);
  const gather = r.gather({
    finishOnKey: '#',
    numDigits: 16,
    timeout: 10,
    action: base + withQuery(VOICE_PATHS.callbackNumber, { lang }),
    method: 'POST',
  });
  say(gather, lang, PROMPTS[lang].callbackOffer);
  say(r, lang, PROMPTS[lang].goodbye);
  r.hangup();
  return r.toString();
}

export function sayAndHangUp(lang: CallLanguage, text: string): string {
  const r = new twilio.twiml.VoiceResponse();
  say(r, lang, text);
  r.hangup();
  return r.toString();
}

/** Option 2: a beep and a recording; transcription stays off (Persian is not transcribed). */
export function voicemailTwiml(
  base: string,
  lang: CallLanguage,
  maxLength: number,
  call: { from: string | null; rawFrom: string; to: string },
): string {
  const r = new twilio.twiml.VoiceResponse();
  say(r, lang, PROMPTS[lang].voicemailPrompt);
  r.record({
    action: base + withQuery(VOICE_PATHS.recorded, { lang }),
    method: 'POST',
    maxLength,
    playBeep: true,
    transcribe: false,
    finishOnKey: '#',
    recordingStatusCallback:
      base + withQuery(VOICE_PATHS.recording, { from: call.from ?? call.rawFrom, to: call.to }),
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed'],
  });
  say(r, lang, PROMPTS[lang].goodbye);
  r.hangup();
  return r.toString();
}

/** Option 3: ring the online experts' phones at once; the first to answer takes the call. */
export function dialExpertsTwiml(
  base: string,
  lang: CallLanguage,
  phones: string[],
  timeout: number,
  callerId: string,
): string {
  const r = new twilio.twiml.VoiceResponse();
  say(r, lang, PROMPTS[lang].connecting);
  const dial = r.dial({
    timeout,
    callerId,
    action: base + withQuery(VOICE_PATHS.expertDialed, { lang }),
    method: 'POST',
  });
  for (const phone of phones)
    dial.number(
      {
        statusCallback: base + VOICE_PATHS.legStatus,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      },
      phone,
    );
  return r.toString();
}

/** Callback, expert leg answered: bridge the customer, both legs reporting their status. */
export function bridgeTwiml(input: {
  base: string;
  lang: CallLanguage;
  ticketLabel: string;
  customerPhone: string;
  callerId: string;
  timeout: number;
  callbackId: string;
  attempt: number;
}): string {
  const r = new twilio.twiml.VoiceResponse();
  say(r, input.lang, `${PROMPTS[input.lang].bridgeIntro} ${input.ticketLabel}`);
  const base = input.base;
  const q = { cb: input.callbackId, attempt: input.attempt };
  const dial = r.dial({
    timeout: input.timeout,
    callerId: input.callerId,
    action: base + withQuery(VOICE_PATHS.bridgeDialed, { ...q, lang: input.lang }),
    method: 'POST',
  });
  dial.number(
    {
      statusCallback: base + withQuery(VOICE_PATHS.callbackLegStatus, { ...q, leg: 'customer' }),
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    },
    input.customerPhone,
  );
  return r.toString();
}

export function hangUpTwiml(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.hangup();
  return r.toString();
}
