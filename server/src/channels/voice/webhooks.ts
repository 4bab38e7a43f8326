import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { Callback, type CallbackDoc } from '../../callbacks/model.js';
import { finishAttempt, isFinalCallStatus, recordLegStatus } from '../../callbacks/service.js';
import type { Config } from '../../core/config.js';
import { badRequest } from '../../core/errors.js';
import { normalisePhone } from '../../core/phone.js';
import { Interaction, type InteractionDoc } from '../../interactions/model.js';
import { Ticket, ticketNumberLabel, type TicketDoc } from '../../tickets/model.js';
import { User, type UserDoc } from '../../users/model.js';
import { signedForm } from '../sms/signed-form.js';
import {
  callbackNumber,
  endCall,
  ensureCallRow,
  entryGroup,
  expertsToRing,
  groupIsOpen,
  menuCallback,
  settleCall,
  type InboundCall,
} from './calls.js';
import { setupVoiceChannel } from './channel.js';
import { PROMPTS, type CallLanguage } from './prompts.js';
import type { TwilioVoiceProvider } from './provider.js';
import {
  VOICE_PATHS,
  bridgeTwiml,
  callbackOfferTwiml,
  dialExpertsTwiml,
  hangUpTwiml,
  invalidChoiceTwiml,
  menuTwiml,
  sayAndHangUp,
  voicemailTwiml,
} from './twiml.js';
import { storeVoicemail } from './voicemail.js';

const sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `a Twilio ${prefix} SID`);
const phoneField = z.string().min(1).max(40);
const callForm = z.object({ CallSid: sid('CA'), From: phoneField, To: phoneField });
const digitsForm = callForm.extend({
  Digits: z
    .string()
    .max(20)
    .regex(/^[0-9*#]*$/)
    .default(''),
});
const seconds = z.coerce.number().int().min(0).max(86_400);
const statusForm = z.object({
  CallSid: sid('CA'),
  CallStatus: z.string().min(1).max(20),
  CallDuration: seconds.optional(),
  From: phoneField.optional(),
  To: phoneField.optional(),
  ParentCallSid: sid('CA').optional(),
});
const dialedForm = callForm.extend({
  DialCallStatus: z.string().min(1).max(20),
  DialCallDuration: seconds.optional(),
  DialCallSid: sid('CA').optional(),
});
const recordingForm = z.object({
  CallSid: sid('CA'),
  RecordingSid: sid('RE'),
  RecordingUrl: z.url().max(500),
  RecordingDuration: seconds.default(0),
});
const langQuery = z.object({ lang: z.enum(['fa', 'en']).default('fa') });
const menuQuery = langQuery.extend({
  round: z.coerce.number().int().min(0).max(5).default(0),
  open: z.enum(['0', '1']).optional(),
});
const recordingQuery = z.object({ from: phoneField, to: phoneField });
const attemptQuery = z.object({
  cb: z.string().regex(/^[a-f0-9]{24}$/),
  attempt: z.coerce.number().int().min(1).max(50),
  lang: z.enum(['fa', 'en']).optional(),
  leg: z.enum(['expert', 'customer']).optional(),
});

function query<T>(schema: z.ZodType<T>, req: Request): T {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw badRequest('invalid_webhook', 'unexpected query parameters');
  return parsed.data;
}

const xml = (res: Response, body: string) => {
  res.status(200).type('text/xml').send(body);
};

const inboundCall = (f: { CallSid: string; From: string; To: string }): InboundCall => ({
  callSid: f.CallSid,
  from: normalisePhone(f.From),
  rawFrom: f.From,
  to: normalisePhone(f.To) ?? f.To.trim(),
});

/** A short-lived handler per webhook: signature, form, then the step of the call. */
type Step = (p: TwilioVoiceProvider, req: Request, res: Response) => Promise<void>;

const incoming: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, callForm);
  const q = query(menuQuery, req);
  const call = inboundCall(input);
  await ensureCallRow(call);
  const open = groupIsOpen(await entryGroup(call.to));
  xml(
    res,
    menuTwiml({
      base: p.settings.publicUrl,
      lang: q.lang,
      open,
      promptUrl: p.settings.promptUrls[q.lang],
      round: q.round,
    }),
  );
};

const menu: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, digitsForm);
  const q = query(menuQuery, req);
  const base = p.settings.publicUrl;
  const call = inboundCall(input);
  const open = q.open === '1';
  switch (input.Digits) {
    case '9':
      return xml(
        res,
        menuTwiml({ base, lang: 'en', open, promptUrl: p.settings.promptUrls.en, round: 0 }),
      );
    case '1':
      return xml(res, callbackOfferTwiml(base, q.lang));
    case '2':
      return xml(res, voicemailTwiml(base, q.lang, p.settings.voicemailMaxSec, call));
    case '3': {
      if (!open) break;
      const group = await entryGroup(call.to);
      const experts = group && groupIsOpen(group) ? await expertsToRing(group) : [];
      if (!experts.length)
        return xml(res, callbackOfferTwiml(base, q.lang, [PROMPTS[q.lang].noExpert]));
      return xml(
        res,
        dialExpertsTwiml(
          base,
          q.lang,
          experts.map((e) => e.phone!),
          p.settings.dialTimeoutSec,
          call.from ?? call.to,
        ),
      );
    }
  }
  xml(res, invalidChoiceTwiml(base, q.lang, q.round + 1));
};

const callbackNumberStep: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, digitsForm);
  const { lang } = query(langQuery, req);
  const call = inboundCall(input);
  const phone = callbackNumber(call, input.Digits.replace(/[*#]/g, ''));
  if (!phone)
    return xml(res, callbackOfferTwiml(p.settings.publicUrl, lang, [PROMPTS[lang].invalidNumber]));
  const { ticket } = await menuCallback(call, phone, 'voice-menu');
  await settleCall(call.callSid, 'callback-requested', { ticket: ticket._id });
  xml(res, sayAndHangUp(lang, PROMPTS[lang].callbackConfirmed));
};

/** The <Record> action: the voicemail ticket opens now; the recording is attached when ready. */
const recorded: Step = async (p, req, res) => {
  const { input, form } = signedForm(p.settings, req, recordingForm.extend(callForm.shape));
  const { lang } = query(langQuery, req);
  const call = inboundCall(input);
  if (input.RecordingDuration > 0 && form.RecordingUrl) {
    await storeVoicemail(
      p,
      {
        callSid: input.CallSid,
        recordingSid: input.RecordingSid,
        recordingUrl: input.RecordingUrl,
        durationSec: input.RecordingDuration,
        from: call.from ?? call.rawFrom,
        to: call.to,
      },
      false,
    );
  }
  xml(res, sayAndHangUp(lang, PROMPTS[lang].voicemailThanks));
};

/** Recording status callback: the recording is ready to fetch. */
const recording: Step = async (p, req, res) => {
  const { input } = signedForm(
    p.settings,
    req,
    recordingForm.extend({ RecordingStatus: z.string().max(20).default('completed') }),
  );
  const q = query(recordingQuery, req);
  if (input.RecordingStatus === 'completed')
    await storeVoicemail(
      p,
      {
        callSid: input.CallSid,
        recordingSid: input.RecordingSid,
        recordingUrl: input.RecordingUrl,
        durationSec: input.RecordingDuration,
        from: normalisePhone(q.from) ?? q.from,
        to: q.to,
      },
      true,
    );
  res.status(204).end();
};

/** Option 3's <Dial> ended: answered, or the caller is offered a callback instead. */
const expertDialed: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, dialedForm);
  const { lang } = query(langQuery, req);
  if (input.DialCallStatus === 'completed' || input.DialCallStatus === 'answered') {
    const leg = input.DialCallSid
      ? await Interaction.findOne({ externalId: input.DialCallSid }).lean<InteractionDoc>()
      : null;
    await settleCall(input.CallSid, 'answered', { expert: leg?.expert ?? null });
    return xml(res, hangUpTwiml());
  }
  xml(res, callbackOfferTwiml(p.settings.publicUrl, lang, [PROMPTS[lang].noExpert]));
};

/** The inbound call's own status callback (set on the Twilio number). */
const callStatus: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, statusForm);
  if (isFinalCallStatus(input.CallStatus) && input.From && input.To)
    await endCall(
      inboundCall({ CallSid: input.CallSid, From: input.From, To: input.To }),
      input.CallDuration ?? null,
      p.settings.missedCallCallback,
    );
  res.status(204).end();
};

/** An expert's phone ringing for option 3: one leg of the customer's call. */
const expertLegStatus: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, statusForm);
  const parent = input.ParentCallSid
    ? await Interaction.findOne({ externalId: input.ParentCallSid }).lean<InteractionDoc>()
    : null;
  const expertPhone = input.To ? normalisePhone(input.To) : null;
  const expert = expertPhone ? await User.findOne({ phone: expertPhone }).lean<UserDoc>() : null;
  await recordLegStatus({
    callSid: input.CallSid,
    status: input.CallStatus,
    durationSec: input.CallDuration ?? null,
    leg: {
      direction: 'out',
      caller: parent?.caller ?? { kind: 'phone', value: input.From ?? 'unknown' },
      contact: parent?.contact ?? null,
      group: parent?.group ?? null,
      expert: expert?._id ?? null,
      note: `expert leg of call ${input.ParentCallSid ?? ''}`.trim(),
    },
  });
  res.status(204).end();
};

async function currentAttempt(q: z.infer<typeof attemptQuery>) {
  const cb = await Callback.findById(q.cb).lean<CallbackDoc>();
  const attempt = cb?.attempts[q.attempt - 1];
  return cb && attempt ? { cb, attempt } : null;
}

/** Callback, the expert answered: say which request, then dial the customer. */
const bridge: Step = async (p, req, res) => {
  signedForm(p.settings, req, z.object({ CallSid: sid('CA') }));
  const q = query(attemptQuery, req);
  const found = await currentAttempt(q);
  if (!found || found.attempt.outcome !== 'calling') return xml(res, hangUpTwiml());
  const [ticket, expert] = await Promise.all([
    Ticket.findById(found.cb.ticket).lean<TicketDoc>(),
    User.findById(found.attempt.expert).lean<UserDoc>(),
  ]);
  const lang: CallLanguage = expert?.locale === 'en' ? 'en' : 'fa';
  xml(
    res,
    bridgeTwiml({
      base: p.settings.publicUrl,
      lang,
      ticketLabel: ticket ? ticketNumberLabel(ticket.number) : '',
      customerPhone: found.cb.phone,
      callerId: p.settings.voiceNumbers.includes(ticket?.entryPoint?.value ?? '')
        ? ticket!.entryPoint!.value!
        : p.settings.voiceNumbers[0]!,
      timeout: p.settings.dialTimeoutSec,
      callbackId: String(found.cb._id),
      attempt: q.attempt,
    }),
  );
};

/** Callback, the customer leg ended: the attempt's outcome and duration. */
const bridgeDialed: Step = async (p, req, res) => {
  const { input } = signedForm(
    p.settings,
    req,
    z.object({
      CallSid: sid('CA'),
      DialCallStatus: z.string().min(1).max(20),
      DialCallDuration: seconds.optional(),
    }),
  );
  const q = query(attemptQuery, req);
  const lang = q.lang ?? 'fa';
  const answered = input.DialCallStatus === 'completed' || input.DialCallStatus === 'answered';
  await finishAttempt(
    q.cb,
    q.attempt,
    answered ? 'completed' : input.DialCallStatus,
    input.DialCallDuration ?? 0,
  );
  xml(res, answered ? hangUpTwiml() : sayAndHangUp(lang, PROMPTS[lang].customerUnavailable));
};

/** Callback legs (expert and customer) report their status; every leg is a contact-log row. */
const callbackLegStatus: Step = async (p, req, res) => {
  const { input } = signedForm(p.settings, req, statusForm);
  const q = query(attemptQuery, req);
  const found = await currentAttempt(q);
  if (!found) return void res.status(204).end();
  const { cb, attempt } = found;
  const ticket = await Ticket.findById(cb.ticket).lean<TicketDoc>();
  await recordLegStatus({
    callSid: input.CallSid,
    status: input.CallStatus,
    durationSec: input.CallDuration ?? null,
    leg: {
      direction: 'out',
      caller: { kind: 'phone', value: cb.phone },
      contact: cb.contact,
      expert: attempt.expert ?? null,
      ticket: cb.ticket,
      group: ticket?.group ?? null,
      note: `callback attempt ${q.attempt}: ${q.leg ?? 'customer'} leg`,
    },
  });
  if (q.leg === 'expert' && isFinalCallStatus(input.CallStatus))
    // The expert's phone never got to the customer (or hung up before the bridge settled).
    await finishAttempt(
      q.cb,
      q.attempt,
      input.CallStatus === 'completed' ? 'canceled' : `expert-${input.CallStatus}`,
      0,
    );
  res.status(204).end();
};

const handle =
  (provider: TwilioVoiceProvider, fn: Step): RequestHandler =>
  (req, res, next) => {
    fn(provider, req, res).catch(next);
  };

/** Twilio's voice webhooks (form-encoded, signed); off (404) without voice settings. */
export function voiceWebhookRoutes(config: Config): Router {
  const router = Router();
  const provider = setupVoiceChannel(config);
  if (!provider) return router;
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });
  const steps: Array<[string, Step]> = [
    [VOICE_PATHS.incoming, incoming],
    [VOICE_PATHS.menu, menu],
    [VOICE_PATHS.callbackNumber, callbackNumberStep],
    [VOICE_PATHS.recorded, recorded],
    [VOICE_PATHS.recording, recording],
    [VOICE_PATHS.expertDialed, expertDialed],
    [VOICE_PATHS.status, callStatus],
    [VOICE_PATHS.legStatus, expertLegStatus],
    [VOICE_PATHS.bridge, bridge],
    [VOICE_PATHS.bridgeDialed, bridgeDialed],
    [VOICE_PATHS.callbackLegStatus, callbackLegStatus],
  ];
  for (const [path, step] of steps) router.post(path, form, handle(provider, step));
  return router;
}
