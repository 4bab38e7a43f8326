import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { Config } from '../../core/config.js';
import { badRequest } from '../../core/errors.js';
import { normalisePhone } from '../../core/phone.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { setupSmsChannel } from './channel.js';
import { inboundForm, storeInbound, twilioSid } from './inbox.js';
import { advanceDeliveryStatus, type SmsDeliveryState } from './outbound.js';
import type { TwilioSmsProvider } from './provider.js';
import { formOf, parseForm, verifySignature } from './signed-form.js';

export const SMS_WEBHOOK_PATH = '/webhooks/twilio/sms';
export const SMS_STATUS_PATH = '/webhooks/twilio/sms-status';

const statusForm = z.object({
  MessageSid: twilioSid,
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

/**
 * A customer's text: verified, validated, stored once in the inbox by MessageSid and queued; the
 * SMS worker does the rest (processSmsInbox in inbox.ts). A retried SID finds its row and is answered the same.
 */
async function inbound(provider: TwilioSmsProvider, req: Request, res: Response): Promise<void> {
  const form = formOf(req);
  verifySignature(provider.settings, req, form);
  const input = parseForm(inboundForm, form);
  if (!normalisePhone(input.From))
    throw badRequest('invalid_phone', `From is not a valid phone number: ${input.From}`, {
      field: 'From',
    });
  await storeInbound(form);
  twiml(res);
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
