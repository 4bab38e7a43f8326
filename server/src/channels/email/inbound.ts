import mongoose, { type Types } from 'mongoose';
import type { ContactDoc } from '../../contacts/model.js';
import { findOrCreateContact } from '../../contacts/service.js';
import { isDuplicateKeyError } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { QueueName, enqueue } from '../../core/queues.js';
import { redis, redisKey } from '../../core/redis.js';
import { updateInteractionOutcome } from '../../interactions/service.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { routeTicket } from '../../routing/assignment.js';
import { openTicket, recordContact, type RecordedContact } from '../../tickets/service.js';
import { CUSTOMER } from '../../tickets/timeline.js';
import { bindEmailAttachments, storeEmailAttachments } from './attachments.js';
import {
  EmailMessage,
  EmailThread,
  EmailTicketClaim,
  emailMessageKey,
  type EmailThreadDoc,
  type MailboxDoc,
} from './model.js';
import { parseEmail, ticketNumberInSubject, type ParsedEmail } from './parse.js';
import { sanitiseEmailHtml } from './sanitise.js';

export type IngestResult =
  | { status: 'duplicate' }
  | { status: 'stored'; ticketId: string; createdTicket: boolean; kind: ParsedEmail['kind'] }
  | { status: 'bounce'; matched: number }
  | { status: 'ignored'; reason: string };

const ACK_WINDOW_SECONDS = 3600;

/**
 * One fetched email, exactly once: a row keyed `<mailbox>:<Message-ID>` says it was handled;
 * until it exists every step is safe to repeat (recordContact is idempotent by the same key),
 * so a crash anywhere before it only means the next fetch does the rest.
 */
export async function ingestEmail(
  mailbox: MailboxDoc,
  source: Buffer,
  uid: number | null = null,
): Promise<IngestResult> {
  return ingestParsed(mailbox, await parseEmail(source), uid);
}

export async function ingestParsed(
  mailbox: MailboxDoc,
  mail: ParsedEmail,
  uid: number | null = null,
): Promise<IngestResult> {
  const key = emailMessageKey(mailbox._id, mail.messageId);
  if (await EmailMessage.exists({ _id: key })) return { status: 'duplicate' };
  if (mail.kind === 'bounce') return ingestBounce(mailbox, mail, key, uid);
  if (!mail.from) {
    await remember(mailbox, mail, key, uid, null, null);
    return { status: 'ignored', reason: 'no sender address' };
  }
  const ticket = await threadTicket(mail);
  const stored = await recordEmail(mailbox, mail, key, ticket);
  await remember(mailbox, mail, key, uid, stored.ticket._id, stored.message?._id ?? null, {
    remoteImages: stored.remoteImages,
  });
  if (stored.opened && mail.kind === 'message') await acknowledge(mailbox, mail, stored.ticket);
  return {
    status: 'stored',
    ticketId: String(stored.ticket._id),
    createdTicket: stored.opened,
    kind: mail.kind,
  };
}

/** In-Reply-To / References against stored Message-IDs, then `[T-n]` in the subject. */
async function threadTicket(mail: ParsedEmail): Promise<TicketDoc | null> {
  // The nearest parent first (References ends with it); each looked up by _id.
  for (const id of [...mail.references].reverse().slice(0, 20)) {
    const hit = await EmailThread.findById(id).lean<EmailThreadDoc>();
    if (!hit) continue;
    const t = await Ticket.findById(hit.ticket).lean<TicketDoc>();
    if (t) return t.mergedInto ? Ticket.findById(t.mergedInto).lean<TicketDoc>() : t;
  }
  const number = ticketNumberInSubject(mail.subject);
  return number ? Ticket.findOne({ number }).lean<TicketDoc>() : null;
}

type Parts = Awaited<ReturnType<typeof storeEmailAttachments>>;

async function recordEmail(
  mailbox: MailboxDoc,
  mail: ParsedEmail,
  key: string,
  thread: TicketDoc | null,
): Promise<RecordedContact & { opened: boolean; remoteImages: number }> {
  const sender = mail.from!;
  const contact = await findOrCreateContact({ email: sender.address, name: sender.name || null });
  // A reply from someone else than the ticket's contact (a colleague in Cc) gets its own ticket.
  const same = thread && String(thread.contact) === String(contact._id) ? thread : null;
  const { ticket, opened } = same
    ? { ticket: same, opened: false }
    : await openEmailTicket(mailbox, mail, key, contact);
  const parts: Parts = mail.attachments.length
    ? await storeEmailAttachments(mail.attachments, String(ticket._id))
    : { attachments: [], inline: new Map<string, string>() };
  const clean = mail.html
    ? sanitiseEmailHtml(mail.html, (cid) => parts.inline.get(cid) ?? null)
    : null;
  const recorded = await recordContact({
    channel: 'email',
    direction: 'in',
    caller: { kind: 'email', value: sender.address },
    contact: { email: sender.address },
    message: {
      text: mail.text,
      html: clean?.html ?? null,
      externalId: key,
      attachments: parts.attachments as unknown as MessageDoc['attachments'],
      authorName: sender.name || sender.address,
    },
    ticket: { id: String(ticket._id) },
    outcome: 'received',
  });
  if (recorded.message && !recorded.duplicate)
    await bindEmailAttachments(parts.attachments, recorded.message._id);
  return { ...recorded, opened, remoteImages: clean?.remoteImages ?? 0 };
}

/** Opens the email's own ticket exactly once, with an id claimed before it is created. */
async function openEmailTicket(
  mailbox: MailboxDoc,
  mail: ParsedEmail,
  key: string,
  contact: ContactDoc,
): Promise<{ ticket: TicketDoc; opened: boolean }> {
  const claimed = await claimTicketId(key);
  const existing = await Ticket.findById(claimed).lean<TicketDoc>();
  if (existing) {
    // Created before a crash, perhaps before it was routed: routing again is harmless.
    if (existing.status === 'new') await routeTicket(existing._id);
    return { ticket: existing, opened: false };
  }
  try {
    const ticket = await openTicket({
      id: claimed,
      contact,
      channel: 'email',
      subject: mail.subject.slice(0, 200),
      entryPoint: { kind: 'mailbox', value: mailbox.address },
      groupId: mailbox.group ? String(mailbox.group) : null,
      actor: CUSTOMER,
    });
    return { ticket, opened: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return { ticket: (await Ticket.findById(claimed).lean<TicketDoc>())!, opened: false };
  }
}

async function claimTicketId(key: string): Promise<Types.ObjectId> {
  try {
    const claim = await EmailTicketClaim.create({
      _id: key,
      ticket: new mongoose.Types.ObjectId(),
    });
    return claim.ticket;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const claim = await EmailTicketClaim.findById(key).lean<{ ticket: Types.ObjectId }>();
    return claim!.ticket;
  }
}

/** The handled-mark and the thread index; both are keyed, so writing them twice is harmless. */
async function remember(
  mailbox: MailboxDoc,
  mail: ParsedEmail,
  key: string,
  uid: number | null,
  ticket: Types.ObjectId | null,
  message: Types.ObjectId | null,
  extra: { remoteImages?: number } = {},
) {
  if (ticket && !mail.messageId.startsWith('hash:'))
    await ignoreDuplicate(
      EmailThread.create({ _id: mail.messageId, ticket, message, direction: 'in' }),
    );
  await ignoreDuplicate(
    EmailMessage.create({
      _id: key,
      mailbox: mailbox._id,
      messageId: mail.messageId,
      direction: 'in',
      kind: mail.kind,
      uid,
      ticket,
      message,
      from: mail.from?.address ?? '',
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      visibleText: mail.folded.visible,
      quotedText: mail.folded.quoted,
      signature: mail.folded.signature,
      remoteImages: extra.remoteImages ?? 0,
    }),
  );
}

async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** A delivery status notification: our message it reports on is marked bounced, nothing else. */
async function ingestBounce(
  mailbox: MailboxDoc,
  mail: ParsedEmail,
  key: string,
  uid: number | null,
): Promise<IngestResult> {
  const found = await Promise.all(
    mail.bouncedIds.slice(0, 20).map((id) => EmailThread.findById(id).lean<EmailThreadDoc>()),
  );
  const ours = found.filter((r): r is EmailThreadDoc => r?.direction === 'out');
  for (const ref of ours) {
    if (!ref.message) continue;
    const error = `Bounced: ${
      mail.folded.visible
        .split('\n')
        .find((l) => l.trim())
        ?.trim() ?? mail.subject
    }`.slice(0, 500);
    await updateInteractionOutcome({ message: ref.message }, 'bounced');
    await Message.updateOne(
      { _id: ref.message },
      { $set: { deliveryStatus: 'bounced', deliveryError: error, deliveryErrorCode: null } },
    );
  }
  await remember(mailbox, mail, key, uid, null, null);
  if (!ours.length)
    logger.info(
      { mailbox: String(mailbox._id), ids: mail.bouncedIds },
      'email: bounce for no message of ours',
    );
  return { status: 'bounce', matched: ours.length };
}

/** At most one acknowledgement per sender per hour and mailbox, never to automatic senders. */
async function acknowledge(mailbox: MailboxDoc, mail: ParsedEmail, ticket: TicketDoc) {
  if (!mailbox.acknowledge || !mail.from) return;
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)[@+]/i.test(mail.from.address)) return;
  const slot = redisKey('email-ack', String(mailbox._id), mail.from.address);
  const first = await redis().set(slot, mail.messageId, 'EX', ACK_WINDOW_SECONDS, 'NX');
  if (first !== 'OK') return;
  await enqueue(
    QueueName.EmailOutbound,
    {
      kind: 'acknowledgement',
      mailboxId: String(mailbox._id),
      ticketId: String(ticket._id),
      to: mail.from.address,
      inReplyTo: mail.messageId,
    },
    {
      jobId: `email-ack-${String(mailbox._id)}-${Buffer.from(mail.messageId).toString('base64url').slice(0, 120)}`,
    },
  );
}
