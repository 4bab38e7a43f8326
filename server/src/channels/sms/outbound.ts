import { UnrecoverableError, type Job } from 'bullmq';
import type { Types } from 'mongoose';
import { Contact, type ContactDoc } from '../../contacts/model.js';
import { config } from '../../core/config.js';
import { lockKey, withLocks } from '../../core/locks.js';
import { logger } from '../../core/logger.js';
import { QueueName, startWorker, type JobPayloads } from '../../core/queues.js';
import { updateInteractionOutcome } from '../../interactions/service.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { setupSmsChannel, smsProvider, smsRecipient } from './channel.js';
import { processSmsInboundJob, scheduleSmsInboxSweep } from './inbox.js';
import { SmsSendError, type TwilioSmsProvider } from './provider.js';

export type SmsDeliveryState = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/** Later states win; final states (delivered, undelivered, failed) share a rank: first one stays. */
const RANK: Record<string, number> = {
  received: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
};

export const messageLock = (id: unknown): string => lockKey('message', String(id));

/**
 * Moves a message's delivery state forward only (a late "sent" never overwrites "delivered"),
 * under the message's lock, and mirrors it on the interaction. Returns whether it changed.
 */
export async function advanceDeliveryStatus(
  messageId: Types.ObjectId | string,
  to: SmsDeliveryState,
  extra: { externalId?: string; deliveryError?: string | null; deliveryErrorCode?: string } = {},
): Promise<boolean> {
  const changed = await withLocks([messageLock(messageId)], async () => {
    const m = await Message.findById(messageId).lean<MessageDoc>();
    if (!m) return false;
    const from = RANK[m.deliveryStatus ?? 'received'] ?? 0;
    if (RANK[to]! <= from) {
      if (extra.externalId && m.externalId !== extra.externalId)
        await Message.updateOne({ _id: m._id }, { $set: { externalId: extra.externalId } });
      return false;
    }
    await Message.updateOne(
      { _id: m._id },
      {
        $set: {
          deliveryStatus: to,
          ...(extra.externalId ? { externalId: extra.externalId } : {}),
          ...(extra.deliveryError !== undefined
            ? {
                deliveryError: extra.deliveryError,
                deliveryErrorCode: extra.deliveryErrorCode ?? null,
              }
            : {}),
        },
      },
    );
    return true;
  });
  if (changed) await updateInteractionOutcome({ message: messageId }, to);
  return changed;
}

/**
 * Hands one stored expert reply to Twilio. Opted-out numbers and 4xx answers fail the message
 * once (Twilio's message kept for the expert); 5xx, 429 and network errors throw, so BullMQ
 * retries with backoff, and the last attempt fails the message.
 */
export async function processSmsOutbound(
  job: Job<JobPayloads[QueueName.SmsOutbound]>,
  provider: TwilioSmsProvider,
): Promise<string | null> {
  const m = await Message.findById(job.data.messageId).lean<MessageDoc>();
  if (!m || m.channel !== 'sms' || m.direction !== 'out') return null;
  if ((RANK[m.deliveryStatus ?? 'received'] ?? 0) > RANK.queued!) return null; // already handed over
  const contact = m.contact ? await Contact.findById(m.contact).lean<ContactDoc>() : null;
  const to = contact ? await smsRecipient(contact) : null;
  if (!to) {
    await advanceDeliveryStatus(m._id, 'failed', {
      deliveryError: 'The customer has no phone',
      deliveryErrorCode: 'contact_unreachable',
    });
    return null;
  }
  if (to.optedOut) {
    await advanceDeliveryStatus(m._id, 'failed', {
      deliveryError: `Not sent: the customer opted out of SMS on ${to.number} (STOP)`,
      deliveryErrorCode: 'sms_opted_out',
    });
    return null;
  }
  const ticket = await Ticket.findById(m.ticket).lean<TicketDoc>();
  const from = senderFor(ticket, provider.settings.numbers);
  if (!from) {
    await advanceDeliveryStatus(m._id, 'failed', {
      deliveryError: 'No SMS number is configured (TWILIO_SMS_NUMBERS)',
      deliveryErrorCode: 'channel_unavailable',
    });
    return null;
  }
  try {
    const { sid } = await provider.send({ from, to: to.number, body: m.text });
    await advanceDeliveryStatus(m._id, 'sent', { externalId: sid, deliveryError: null });
    return sid;
  } catch (err) {
    if (!(err instanceof SmsSendError)) throw err;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (err.retryable && !lastAttempt) throw err;
    await advanceDeliveryStatus(m._id, 'failed', { deliveryError: err.message });
    if (err.retryable) throw err;
    throw new UnrecoverableError(err.message);
  }
}

/** Replies go out from the number the customer texted, else the first configured one. */
function senderFor(ticket: TicketDoc | null, numbers: string[]): string | null {
  const entry = ticket?.entryPoint;
  if (entry?.kind === 'sms-number' && entry.value && numbers.includes(entry.value))
    return entry.value;
  return numbers[0] ?? null;
}

/** Worker registrations: outbound SMS and the inbound inbox, when the channel is configured. */
export function startSmsProcessors(): QueueName[] {
  const provider = smsProvider() ?? setupSmsChannel(config());
  if (!provider) {
    logger.info('sms: Twilio is not configured; outbound SMS off');
    return [];
  }
  startWorker(QueueName.SmsOutbound, (job) => processSmsOutbound(job, provider));
  startWorker(QueueName.SmsInbound, (job) => processSmsInboundJob(job, provider), 10);
  scheduleSmsInboxSweep();
  return [QueueName.SmsOutbound, QueueName.SmsInbound];
}
