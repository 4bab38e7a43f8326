import { unprocessable } from '../../core/errors.js';
import { sendSystemMail } from '../../core/mail.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, ticketNumberLabel, type TicketDoc } from '../../tickets/model.js';
import { consumeVisitorBudget } from './limits.js';
import { ownSession, type Visitor } from './service.js';

const TIME_ZONE = 'Asia/Tehran';
const MAX_MESSAGES = 2000;

const stamp = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(d);

/** The chat as plain text: one block per visible message, files by name. */
export function transcriptText(ticket: TicketDoc, visitorName: string, messages: MessageDoc[]) {
  const lines = [`Chat ${ticketNumberLabel(ticket.number)} — ${ticket.subject}`, ''];
  for (const m of messages) {
    const who =
      m.direction === 'in'
        ? visitorName || 'You'
        : m.authorKind === 'expert'
          ? m.authorName
          : 'Support';
    const files = (m.attachments ?? []).map((a) => `[file: ${a.name}]`).join(' ');
    lines.push(
      `[${stamp(new Date(m.createdAt))}] ${who}: ${[m.text, files].filter(Boolean).join(' ')}`,
    );
  }
  return lines.join('\n');
}

/** Emails the visitor's chat to the address given, or the pre-chat form's email. */
export async function emailTranscript(
  v: Visitor,
  input: { ticketId?: string; email?: string },
): Promise<{ sent: true; to: string }> {
  const session = await ownSession(v, input.ticketId);
  const to = input.email ?? session.hints?.email ?? null;
  if (!to) throw unprocessable('email_required', 'Give an email address for the transcript');
  await consumeVisitorBudget('lookup', v.visitorId, v.ip);
  const ticket = await Ticket.findById(session.ticket).lean<TicketDoc>();
  const messages = await Message.find({ ticket: session.ticket, direction: { $in: ['in', 'out'] } })
    .sort({ createdAt: 1, _id: 1 })
    .limit(MAX_MESSAGES)
    .lean<MessageDoc[]>();
  await sendSystemMail({
    to,
    subject: `Your chat transcript ${ticketNumberLabel(ticket!.number)}`,
    text: transcriptText(ticket!, session.hints?.name ?? '', messages),
  });
  return { sent: true, to };
}
