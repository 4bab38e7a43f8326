import type { ContactDoc } from '../contacts/model.js';
import type { AppError } from '../core/errors.js';
import type { MessageDoc } from '../tickets/message.model.js';
import type { TicketDoc } from '../tickets/model.js';

export type ReplyChannel = 'webchat' | 'sms' | 'email' | 'voice';

export interface SendResult {
  /** State after hand-over: `sent` once the provider has it, `queued` while a job will send it. */
  status: 'queued' | 'sent' | 'delivered';
  externalId?: string;
}

/**
 * What every channel provides to the rest of the system. Inbound parsing and provider status
 * callbacks live in the channel's own folder and call the ticket service's recordContact().
 */
export interface ChannelAdapter {
  channel: ReplyChannel;
  /**
   * Null when the channel can reach this customer about this ticket (a phone that has not opted
   * out, an email, the chat's own visitor...); otherwise the refusal the expert should read, given
   * before anything is stored.
   */
  reach(contact: ContactDoc, ticket: TicketDoc): Promise<AppError | null>;
  /** Hands an expert's reply to the channel. Throws an AppError the expert should see. */
  send(message: MessageDoc, ticket: TicketDoc, contact: ContactDoc): Promise<SendResult>;
}

const adapters = new Map<ReplyChannel, ChannelAdapter>();

/** Channels register themselves from configuration; absent settings leave them off. */
export function registerChannel(adapter: ChannelAdapter): void {
  adapters.set(adapter.channel, adapter);
}

export function unregisterChannel(channel: ReplyChannel): void {
  adapters.delete(channel);
}

export function channelAdapter(channel: string): ChannelAdapter | undefined {
  return adapters.get(channel as ReplyChannel);
}

export function enabledChannels(): ReplyChannel[] {
  return [...adapters.keys()];
}
