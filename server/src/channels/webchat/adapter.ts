import { unprocessable } from '../../core/errors.js';
import { registerChannel, type ChannelAdapter } from '../registry.js';
import { emitToVisitors, visitorsConnected } from './emitter.js';
import { WebchatSession } from './model.js';
import { presentVisitorMessage } from './presenter.js';

/**
 * The visitors who chatted on this ticket. Deliberately not every visitor id of the contact: a
 * visitor id joins a contact through an unverified phone or email in the pre-chat form.
 */
export async function visitorsOfTicket(ticketId: unknown): Promise<string[]> {
  return (await WebchatSession.distinct('visitorId', { ticket: ticketId })) as string[];
}

/** Expert replies go to the visitor's room on whichever hub process holds their socket. */
export const webchatAdapter: ChannelAdapter = {
  channel: 'webchat',
  // Only the web-chat ticket's own visitors; they also read it later with history:since.
  reach: async (_contact, ticket) =>
    ticket.channel === 'webchat'
      ? null
      : unprocessable(
          'contact_unreachable',
          'Web chat replies go only to a web chat ticket; choose another channel',
        ),
  async send(message, ticket) {
    const visitors = await visitorsOfTicket(ticket._id);
    for (const visitorId of visitors)
      emitToVisitors([visitorId], 'message:new', presentVisitorMessage(message, visitorId));
    return { status: (await visitorsConnected(visitors)) ? 'delivered' : 'sent' };
  },
};

export function registerWebchatChannel(): void {
  registerChannel(webchatAdapter);
}
