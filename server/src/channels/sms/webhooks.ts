import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { findOrCreateContact } from '../../contacts/service.js';
import type { Config } from '../../core/config.js';
import { badRequest } from '../../core/errors.js';
import { lockKey, withLocks } from '../../core/locks.js';
import { normalisePhone, toLatinDigits } from '../../core/phone.js';
import { Interaction } from '../../interactions/model.js';
import { recordInteraction } from '../../interactions/service.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { recordContact } from '../../tickets/service.js';
import { setOptedOut, setupSmsChannel } from './channel.js';
import { advanceDeliveryStatus, type SmsDeliveryState } from './outbound.js';
import { attachToMessage, keepMedia, type FetchedMedia } from './media.js';
import type { TwilioSmsProvider } from './provider.js';
import { formOf, parseForm, verifySignature } from './signed-form.js';

export const SMS_WEBHOOK_PATH = '/webhooks/twilio/sms';
export const SMS_STATUS_PATH = '/webhooks/twilio/sms-status';

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'لغو']);
const START_WORDS = new Set(['START', 'UNSTOP']);

const sid = z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'a Twilio SID');

const inboundForm = z.object({
  MessageSid: sid,
  From: z.string().min(1).max(40),
  To: z.string().min(1).max(40),
  Body: z.string().max(10_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

const statusForm = z.object({
  MessageSid: sid,
  MessageStatus: z.string().min(1).max(40),
  ErrorCode: z.string().max(10).optional(),
  ErrorMessage: z.string().max(500).optional(),
});

/** Twilio's states reduced to ours; the rest (accepted, scheduled, sending, ...) change nothing. */
const STATUS_MAP: Record<string, SmsDeliveryState> = {
  queued: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
};

const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();

function twiml(res: Response): void {
  res.status(200).type('text/xml').send(EMPTY_TWIML);
}

/** A customer's text: opt-out keywords change consent; anything else lands in their SMS ticket. */
async function inbound(provider: TwilioSmsProvider, req: Request, res: Response): Promise<void> {
  const form = formOf(req);
  verifySignature(provider.settings, req, form);
  const input = parseForm(inboundForm, form);
  const from = normalisePhone(input.From);
  if (!from)
    throw badRequest('invalid_phone', `From is not a valid phone number: ${input.From}`, {
      field: 'From',
    });
  const to = normalisePhone(input.To) ?? input.To.trim();
  const keyword = toLatinDigits(input.Body).trim().toUpperCase();
  if (STOP_WORDS.has(keyword) || START_WORDS.has(keyword)) {
    await consent(input.MessageSid, from, STOP_WORDS.has(keyword), input.Body);
    return twiml(res);
  }
  // recordContact is idempotent by MessageSid; this early look (a collection scan on FerretDB)
  // only saves fetching media again when Twilio retries an MMS.
  if (
    input.NumMedia > 0 &&
    (await Message.exists({ channel: 'sms', externalId: input.MessageSid }))
  )
    return twiml(res);
  const media: Array<{ name: string; got: FetchedMedia }> = [];
  for (let i = 0; i < input.NumMedia; i++) {
    const url = form[`MediaUrl${i}`];
    if (!url) continue;
    const got = await provider.fetchMedia(url, form[`MediaContentType${i}`] ?? null);
    media.push({ name: `media-${i}`, got });
  }
  const recorded = await recordContact({
    channel: 'sms',
    direction: 'in',
    caller: { kind: 'phone', value: from },
    contact: { phone: from },
    message: { text: input.Body, externalId: input.MessageSid },
    ticket: { entryPoint: { kind: 'sms-number', value: to } },
    outcome: 'received',
  });
  // The files need the ticket, which recordContact chooses: they are stored right after it.
  if (!recorded.duplicate && recorded.message && media.length) {
    const limit = provider.settings.mediaMaxBytes;
    const attachments = [];
    for (const m of media)
      attachments.push(await keepMedia(m.got, m.name, recorded.ticket._id, limit));
    await attachToMessage(recorded.message._id, attachments);
  }
  twiml(res);
}

/** STOP / START: the phone's consent changes; the text is logged as an interaction, no ticket. */
async function consent(messageSid: string, from: string, stop: boolean, text: string) {
  await withLocks(
    [lockKey('inbound', `sms:${messageSid}`)],
    async () => {
      if (await Interaction.exists({ channel: 'sms', externalId: messageSid })) return;
      const contact = await findOrCreateContact({ phone: from });
      await setOptedOut(contact._id, from, stop);
      await recordInteraction({
        channel: 'sms',
        direction: 'in',
        caller: { kind: 'phone', value: from },
        contact: contact._id,
        outcome: 'received',
        externalId: messageSid,
        note: stop
          ? `opted out of SMS ("${text.trim()}")`
          : `opted back in to SMS ("${text.trim()}")`,
      });
    },
    { waitMs: 10_000 },
  );
}

/** Twilio's delivery report for a message we sent. */
async function status(provider: TwilioSmsProvider, req: Request, res: Response): Promise<void> {
  const form = formOf(req);
  verifySignature(provider.settings, req, form);
  const input = parseForm(statusForm, form);
  const to = STATUS_MAP[input.MessageStatus];
  const message = to
    ? await Message.findOne({ channel: 'sms', externalId: input.MessageSid }).lean<MessageDoc>()
    : null;
  if (to && message) {
    const error =
      (to === 'failed' || to === 'undelivered') && input.ErrorCode
        ? `${input.ErrorMessage ?? 'Not delivered'} (Twilio error ${input.ErrorCode})`
        : undefined;
    await advanceDeliveryStatus(message._id, to, { deliveryError: error });
  }
  res.status(204).end();
}

const handle =
  (provider: TwilioSmsProvider, fn: typeof inbound): RequestHandler =>
  (req, res, next) => {
    fn(provider, req, res).catch(next);
  };

/**
 * Twilio's SMS webhooks (form-encoded, signed). Turns the channel on from configuration; with no
 * Twilio settings the routes answer 404 like any unknown path.
 */
export function smsWebhookRoutes(config: Config): Router {
  const router = Router();
  const provider = setupSmsChannel(config);
  if (!provider) return router;
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });
  router.post(SMS_WEBHOOK_PATH, form, handle(provider, inbound));
  router.post(SMS_STATUS_PATH, form, handle(provider, status));
  return router;
}
