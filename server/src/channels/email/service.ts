import { audit } from '../../audit/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../../core/errors.js';
import { withLocks } from '../../core/locks.js';
import { ExpertGroup } from '../../expert-groups/model.js';
import { encryptSecret } from './credentials.js';
import { EmailMessage, Mailbox, type EmailMessageDoc, type MailboxDoc } from './model.js';
import type { CreateMailbox, UpdateMailbox } from './schema.js';
import { mailboxLock } from './watcher.js';

export async function listMailboxes(): Promise<MailboxDoc[]> {
  return Mailbox.find().sort({ createdAt: 1 }).lean<MailboxDoc[]>();
}

export async function getMailbox(id: string): Promise<MailboxDoc> {
  const m = await Mailbox.findById(id).lean<MailboxDoc>();
  if (!m) throw notFound('Mailbox');
  return m;
}

async function checkGroup(group: string | null | undefined) {
  if (group && !(await ExpertGroup.exists({ _id: group })))
    throw unprocessable('unknown_group', 'The expert group does not exist');
}

const secret = (password: string | undefined) => (password ? encryptSecret(password) : null);

export async function createMailbox(input: CreateMailbox, actorId: string): Promise<MailboxDoc> {
  await checkGroup(input.group);
  const { password: imapPassword, ...imap } = input.imap;
  const { password: smtpPassword, ...smtp } = input.smtp;
  try {
    const created = await Mailbox.create({
      ...input,
      imap: { ...imap, passwordEnc: secret(imapPassword) },
      smtp: { ...smtp, passwordEnc: secret(smtpPassword) },
    });
    await audit({
      actor: actorId,
      action: 'mailbox.create',
      targetKind: 'mailbox',
      targetId: String(created._id),
    });
    return created.toObject() as MailboxDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('address_taken', 'A mailbox with this address already exists');
    throw err;
  }
}

/** Changes settings under the mailbox's lock; an omitted password keeps the stored one. */
export async function updateMailbox(
  id: string,
  input: UpdateMailbox,
  actorId: string,
): Promise<MailboxDoc> {
  await checkGroup(input.group);
  const updated = await withLocks([mailboxLock(id)], async () => {
    const m = await getMailbox(id);
    const set: Record<string, unknown> = {};
    for (const key of ['name', 'address', 'group', 'acknowledge', 'signature', 'active'] as const)
      if (input[key] !== undefined) set[key] = input[key];
    for (const kind of ['imap', 'smtp'] as const) {
      const change = input[kind];
      if (!change) continue;
      const { password, ...rest } = change;
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) set[`${kind}.${k}`] = v;
      if (password !== undefined) set[`${kind}.passwordEnc`] = secret(password);
    }
    set.revision = (m.revision ?? 1) + 1;
    try {
      return (await Mailbox.findByIdAndUpdate(
        id,
        { $set: set },
        { new: true },
      ).lean<MailboxDoc>())!;
    } catch (err) {
      if (isDuplicateKeyError(err))
        throw conflict('address_taken', 'A mailbox with this address already exists');
      throw err;
    }
  });
  await audit({
    actor: actorId,
    action: 'mailbox.update',
    targetKind: 'mailbox',
    targetId: id,
    details: { fields: Object.keys(input) },
  });
  return updated;
}

export async function deleteMailbox(id: string, actorId: string): Promise<void> {
  const res = await Mailbox.deleteOne({ _id: id });
  if (!res.deletedCount) throw notFound('Mailbox');
  await audit({ actor: actorId, action: 'mailbox.delete', targetKind: 'mailbox', targetId: id });
}

/** The email row behind a timeline message (by its message id). */
export async function emailDetails(messageId: string): Promise<EmailMessageDoc> {
  const row = await EmailMessage.findOne({ message: messageId }).lean<EmailMessageDoc>();
  if (!row) throw notFound('Email');
  return row;
}
