import { UnrecoverableError, type Job } from 'bullmq';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { Contact, type ContactDoc } from '../../contacts/model.js';
import { isDuplicateKeyError, unprocessable } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { QueueName, enqueue, type JobPayloads } from '../../core/queues.js';
import { updateInteractionOutcome } from '../../interactions/service.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, ticketNumberLabel, type TicketDoc } from '../../tickets/model.js';
import { registerChannel, type ChannelAdapter } from '../registry.js';
import { composeBodies, replySubject } from './compose.js';
import { decryptSecret } from './credentials.js';
import {
  EmailMessage,
  EmailThread,
  Mailbox,
  emailMessageKey,
  type EmailMessageDoc,
  type MailboxDoc,
} from './model.js';
import { outgoingAttachments } from './attachments.js';

type Payload = JobPayloads[QueueName.EmailOutbound];

const transports = new Map<string, Transporter<SMTPTransport.SentMessageInfo>>();

function transportFor(mailbox: MailboxDoc): Transporter<SMTPTransport.SentMessageInfo> {
  const key = `${String(mailbox._id)}:${mailbox.revision}`;
  let t = transports.get(key);
  if (!t) {
    const { smtp } = mailbox;
    t = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.security === 'tls',
      requireTLS: smtp.security === 'starttls',
      ignoreTLS: smtp.security === 'none',
      auth: smtp.user
        ? { user: smtp.user, pass: smtp.passwordEnc ? decryptSecret(smtp.passwordEnc) : '' }
        : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    transports.set(key, t);
  }
  return t;
}

/** The mailbox a ticket's mail goes out from: the one it came in on, else the first active one. */
export async function mailboxForTicket(ticket: TicketDoc): Promise<MailboxDoc | null> {
  const entry = ticket.entryPoint;
  if (entry?.kind === 'mailbox' && entry.value) {
    const own = await Mailbox.findOne({ address: entry.value, active: true }).lean<MailboxDoc>();
    if (own) return own;
  }
  return Mailbox.findOne({ active: true }).sort({ createdAt: 1 }).lean<MailboxDoc>();
}

const domainOf = (address: string) => address.split('@')[1] ?? 'localhost';

/** Deterministic, so a retried job sends the same Message-ID. */
export const outgoingMessageId = (id: unknown, mailbox: MailboxDoc) =>
  `${String(id)}@${domainOf(mailbox.address)}`;

/** 5xx SMTP answers are final; 4xx and network trouble are worth retrying. */
function smtpFailure(err: unknown): { permanent: boolean; message: string } {
  const e = err as { responseCode?: number; response?: string; message?: string; code?: string };
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
  const message = e.responseCode
    ? `SMTP ${e.responseCode}: ${(e.response ?? e.message ?? '').slice(0, 400)}`
    : `${e.code ?? 'error'}: ${(e.message ?? String(err)).slice(0, 400)}`;
  return { permanent, message };
}

async function markFailed(message: MessageDoc, error: string) {
  await Message.updateOne(
    { _id: message._id },
    { $set: { deliveryStatus: 'failed', deliveryError: error, deliveryErrorCode: null } },
  );
  await updateInteractionOutcome({ message: message._id }, 'failed');
}

async function rememberOutgoing(
  mailbox: MailboxDoc,
  messageId: string,
  fields: Partial<Omit<EmailMessageDoc, '_id'>> & { ticket: TicketDoc['_id'] },
) {
  for (const write of [
    () =>
      EmailThread.create({
        _id: messageId,
        ticket: fields.ticket,
        message: fields.message ?? null,
        direction: 'out',
      }),
    () =>
      EmailMessage.create({
        _id: emailMessageKey(mailbox._id, messageId),
        mailbox: mailbox._id,
        messageId,
        direction: 'out',
        ...fields,
      }),
  ]) {
    try {
      await write();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

/** Sends, or throws for BullMQ: permanent failures once (UnrecoverableError), others retried. */
async function deliver(
  job: Job<Payload>,
  mailbox: MailboxDoc,
  mail: SendMailOptions,
  onFinalFailure: (error: string) => Promise<void>,
): Promise<string> {
  try {
    const info = await transportFor(mailbox).sendMail(mail);
    return info.messageId;
  } catch (err) {
    const failure = smtpFailure(err);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (failure.permanent || lastAttempt) await onFinalFailure(failure.message);
    if (failure.permanent) throw new UnrecoverableError(failure.message);
    throw new Error(failure.message);
  }
}

async function sendReply(job: Job<Payload>, messageId: string): Promise<string | null> {
  const m = await Message.findById(messageId).lean<MessageDoc>();
  if (!m || m.channel !== 'email' || m.direction !== 'out' || m.deliveryStatus !== 'queued')
    return null;
  const ticket = await Ticket.findById(m.ticket).lean<TicketDoc>();
  const contact = m.contact ? await Contact.findById(m.contact).lean<ContactDoc>() : null;
  const mailbox = ticket ? await mailboxForTicket(ticket) : null;
  if (!ticket || !mailbox) {
    await markFailed(m, 'No active mailbox to send from');
    return null;
  }
  const thread = await EmailMessage.find({ ticket: ticket._id })
    .sort({ createdAt: 1 })
    .lean<EmailMessageDoc[]>();
  const lastIn = [...thread].reverse().find((e) => e.direction === 'in' && e.kind !== 'bounce');
  const to = lastIn?.from || contact?.emails?.[0];
  if (!to) {
    await markFailed(m, 'The customer has no email address');
    return null;
  }
  const label = ticketNumberLabel(ticket.number);
  const id = outgoingMessageId(m._id, mailbox);
  const ids = thread.map((e) => e.messageId).filter((x) => !x.startsWith('hash:') && x !== id);
  const inReplyTo = lastIn && !lastIn.messageId.startsWith('hash:') ? lastIn.messageId : null;
  const references = [...new Set([...(lastIn?.references ?? []), ...ids])].slice(-20);
  const signature = [m.authorName, mailbox.signature].filter(Boolean).join('\n');
  const bodies = composeBodies(m.text, signature);
  const subject = replySubject(lastIn?.subject || ticket.subject, label);
  await rememberOutgoing(mailbox, id, {
    kind: 'message',
    ticket: ticket._id,
    message: m._id,
    from: mailbox.address,
    to: [to],
    subject,
    inReplyTo,
    references,
    visibleText: m.text,
  });
  await deliver(
    job,
    mailbox,
    {
      from: { name: mailbox.smtp.fromName || mailbox.name, address: mailbox.address },
      to,
      subject,
      text: bodies.text,
      html: bodies.html,
      messageId: `<${id}>`,
      inReplyTo: inReplyTo ? `<${inReplyTo}>` : undefined,
      references: references.map((r) => `<${r}>`),
      attachments: await outgoingAttachments(m.attachments),
    },
    (error) => markFailed(m, error),
  );
  // The interaction first: once the message reads "sent", a bounce may follow at any moment.
  await updateInteractionOutcome({ message: m._id }, 'sent');
  await Message.updateOne(
    { _id: m._id },
    { $set: { deliveryStatus: 'sent', deliveryError: null, deliveryErrorCode: null } },
  );
  return id;
}

const ACK_TEXT = (label: string) =>
  `پیام شما دریافت شد و با شمارهٔ ${label} ثبت شد. کارشناسان ما به‌زودی پاسخ می‌دهند.\n` +
  `لطفاً در پاسخ‌ها موضوع را تغییر ندهید.\n\n` +
  `We received your message and opened ticket ${label}. Our team will answer soon.\n` +
  `Please keep the subject when you reply.`;

async function sendAcknowledgement(
  job: Job<Payload>,
  data: Extract<Payload, { kind: 'acknowledgement' }>,
): Promise<string | null> {
  const [mailbox, ticket] = await Promise.all([
    Mailbox.findById(data.mailboxId).lean<MailboxDoc>(),
    Ticket.findById(data.ticketId).lean<TicketDoc>(),
  ]);
  if (!mailbox || !ticket) return null;
  const label = ticketNumberLabel(ticket.number);
  const id = `ack-${String(ticket._id)}-${job.id ?? '0'}@${domainOf(mailbox.address)}`.replace(
    /[^A-Za-z0-9@.\-_]/g,
    '',
  );
  const subject = replySubject(ticket.subject, label);
  await rememberOutgoing(mailbox, id, {
    kind: 'acknowledgement',
    ticket: ticket._id,
    from: mailbox.address,
    to: [data.to],
    subject,
    inReplyTo: data.inReplyTo,
    references: [data.inReplyTo],
  });
  const bodies = composeBodies(ACK_TEXT(label), mailbox.signature);
  await deliver(
    job,
    mailbox,
    {
      from: { name: mailbox.smtp.fromName || mailbox.name, address: mailbox.address },
      to: data.to,
      subject,
      text: bodies.text,
      html: bodies.html,
      messageId: `<${id}>`,
      inReplyTo: `<${data.inReplyTo}>`,
      references: [`<${data.inReplyTo}>`],
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    },
    async (error) => {
      logger.warn({ ticket: String(ticket._id), error }, 'email: acknowledgement not sent');
    },
  );
  return id;
}

export async function processEmailOutbound(job: Job<Payload>): Promise<string | null> {
  return job.data.kind === 'reply'
    ? sendReply(job, job.data.messageId)
    : sendAcknowledgement(job, job.data);
}

const noEmail = () =>
  unprocessable('contact_unreachable', 'The customer has no email address on record');

export const emailAdapter: ChannelAdapter = {
  channel: 'email',
  reach: async (contact) => (contact.emails.length ? null : noEmail()),
  async send(message) {
    if (!(await Mailbox.exists({ active: true })))
      throw unprocessable('channel_unavailable', 'No mailbox is configured for email replies');
    await enqueue(
      QueueName.EmailOutbound,
      { kind: 'reply', messageId: String(message._id) },
      { jobId: `email-${String(message._id)}` },
    );
    return { status: 'queued' };
  },
};

export function setupEmailChannel(): void {
  registerChannel(emailAdapter);
}
