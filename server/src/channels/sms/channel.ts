import type { Types } from 'mongoose';
import { Contact, type ContactDoc } from '../../contacts/model.js';
import type { Config } from '../../core/config.js';
import { unprocessable } from '../../core/errors.js';
import { lockKey, withLocks } from '../../core/locks.js';
import { QueueName, enqueue } from '../../core/queues.js';
import { Interaction, type InteractionDoc } from '../../interactions/model.js';
import type { MessageDoc } from '../../tickets/message.model.js';
import { registerChannel, unregisterChannel, type ChannelAdapter } from '../registry.js';
import { createTwilioClient, twilioSettings } from './client.js';
import { TwilioSmsProvider } from './provider.js';

let provider: TwilioSmsProvider | null = null;

/** Turns the SMS channel on when Twilio settings are present (else off); returns the provider. */
export function setupSmsChannel(
  config: Config,
  make: (p: TwilioSmsProvider) => TwilioSmsProvider = (p) => p,
): TwilioSmsProvider | null {
  const settings = twilioSettings(config);
  if (!settings) {
    provider = null;
    unregisterChannel('sms');
    return null;
  }
  provider = make(new TwilioSmsProvider(createTwilioClient(settings), settings));
  registerChannel(smsAdapter);
  return provider;
}

export function smsProvider(): TwilioSmsProvider | null {
  return provider;
}

/** For /readyz details and the console's channel settings. */
export function smsChannelStatus(): { enabled: boolean; numbers: string[]; reason?: string } {
  if (!provider)
    return {
      enabled: false,
      numbers: [],
      reason: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set',
    };
  return { enabled: true, numbers: provider.settings.numbers };
}

export const contactLock = (id: unknown): string => lockKey('contact', String(id));

/**
 * The number to text: the one the customer last texted us from, else their first phone.
 * Opt-out is per number, so an opted-out number is never swapped for another one silently.
 */
export async function smsRecipient(
  contact: ContactDoc,
): Promise<{ number: string; optedOut: boolean } | null> {
  if (!contact.phones.length) return null;
  const last = await Interaction.findOne({
    contact: contact._id,
    channel: 'sms',
    direction: 'in',
    'caller.kind': 'phone',
  })
    .sort({ startedAt: -1 })
    .lean<InteractionDoc>();
  const phone = contact.phones.find((p) => p.number === last?.caller?.value) ?? contact.phones[0]!;
  return { number: phone.number, optedOut: phone.optedOut };
}

const noPhone = () => unprocessable('contact_unreachable', 'The customer has no phone number');

export const optedOutError = (number: string) =>
  unprocessable(
    'sms_opted_out',
    `The customer opted out of SMS on ${number} (they texted STOP); they must text START before we can text them again`,
    { number },
  );

/** STOP / START: rewrites the contact's small phones array while holding the contact's lock. */
export async function setOptedOut(
  contactId: Types.ObjectId,
  number: string,
  optedOut: boolean,
): Promise<void> {
  await withLocks([contactLock(contactId)], async () => {
    const c = await Contact.findById(contactId).lean<ContactDoc>();
    if (!c) return;
    const phones = c.phones.map((p) => (p.number === number ? { ...p, optedOut } : p));
    await Contact.updateOne({ _id: contactId }, { $set: { phones } });
  });
}

export const smsAdapter: ChannelAdapter = {
  channel: 'sms',
  async reach(contact) {
    const to = await smsRecipient(contact);
    if (!to) return noPhone();
    return to.optedOut ? optedOutError(to.number) : null;
  },
  async send(message: MessageDoc, ticket, contact) {
    // Checked again: a STOP may have arrived since.
    const refusal = await this.reach(contact, ticket);
    if (refusal) throw refusal;
    await enqueue(
      QueueName.SmsOutbound,
      { messageId: String(message._id) },
      { jobId: `sms-${String(message._id)}` },
    );
    return { status: 'queued' };
  },
};
