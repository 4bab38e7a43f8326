import { randomUUID } from 'node:crypto';
import { channelAdapter, type ChannelAdapter } from '../channels/registry.js';
import type { ContactDoc } from '../contacts/model.js';
import { AppError, unprocessable } from '../core/errors.js';
import { mailConfigured, sendSystemMail } from '../core/mail.js';
import { recordInteraction, updateInteractionOutcome } from '../interactions/service.js';
import { emitMessage } from '../tickets/events.js';
import { Message, type MessageDoc } from '../tickets/message.model.js';
import { ticketNumberLabel, type TicketDoc } from '../tickets/model.js';

/** SMS first (phone-first customers), then the ticket's own channel, then email. */
const PREFERENCE = ['sms', 'email'] as const;

/**
 * Email without an email channel adapter (no mailbox configured) still reaches the customer as
 * system mail through SMTP_URL.
 */
const systemMail: ChannelAdapter = {
  channel: 'email',
  reach: async (contact) =>
    mailConfigured() && contact.emails.length
      ? null
      : unprocessable('contact_unreachable', 'No email address, or outgoing mail is off'),
  async send(message, ticket, contact) {
    const sent = await sendSystemMail({
      to: contact.emails[0]!,
      subject: `[${ticketNumberLabel(ticket.number)}] ${ticket.subject}`.trim(),
      text: message.text,
    });
    return { status: 'sent', externalId: sent.messageId };
  },
};

/** The first channel that can reach this customer about this ticket (an opted-out phone cannot), or null. */
export async function customerChannel(
  contact: ContactDoc,
  ticket: TicketDoc,
  allowed: readonly string[] = [...PREFERENCE, ticket.channel],
): Promise<ChannelAdapter | null> {
  for (const name of allowed) {
    const adapter = channelAdapter(name) ?? (name === 'email' ? systemMail : undefined);
    if (adapter && !(await adapter.reach(contact, ticket))) return adapter;
  }
  return null;
}

export const unreachable = () =>
  unprocessable(
    'customer_unreachable',
    'The customer cannot be reached by SMS or email: no phone or email, or those channels are off',
  );

/**
 * A system or expert message to the customer (claim decision, survey link) sent through the
 * channel adapters: stored with its interaction first, then handed to the channel.
 */
export async function sendToCustomer(input: {
  ticket: TicketDoc;
  contact: ContactDoc;
  text: string;
  author: { id: string; displayName: string } | null;
  /** Limit the channels tried (surveys go by SMS or email only). */
  channels?: readonly string[];
}): Promise<MessageDoc> {
  const adapter = await customerChannel(input.contact, input.ticket, input.channels);
  if (!adapter) throw unreachable();
  const created = await Message.create({
    ticket: input.ticket._id,
    contact: input.contact._id,
    direction: 'out',
    channel: adapter.channel,
    authorKind: input.author ? 'expert' : 'system',
    author: input.author?.id ?? null,
    authorName: input.author?.displayName ?? '',
    text: input.text,
    externalId: `out:${randomUUID()}`,
    deliveryStatus: 'queued',
  });
  const message = created.toObject() as MessageDoc;
  await recordInteraction({
    channel: adapter.channel,
    direction: 'out',
    caller: { kind: 'staff', value: input.author?.id ?? 'system' },
    contact: input.contact._id,
    expert: input.author?.id ?? null,
    ticket: input.ticket._id,
    message: message._id,
    group: input.ticket.group ?? null,
    outcome: 'queued',
  });
  emitMessage(input.ticket, message);
  try {
    const sent = await adapter.send(message, input.ticket, input.contact);
    if (sent.status !== 'queued') {
      await Message.updateOne(
        { _id: message._id },
        {
          $set: {
            deliveryStatus: sent.status,
            ...(sent.externalId ? { externalId: sent.externalId } : {}),
          },
        },
      );
      await updateInteractionOutcome({ message: message._id }, sent.status);
    }
  } catch (err) {
    await Message.updateOne(
      { _id: message._id },
      {
        $set: {
          deliveryStatus: 'failed',
          deliveryError: (err as Error).message,
          deliveryErrorCode: err instanceof AppError ? err.code : null,
        },
      },
    );
    await updateInteractionOutcome({ message: message._id }, 'failed');
    throw err;
  }
  return message;
}
