import type { Attachment as MailPart } from 'mailparser';
import type { Types } from 'mongoose';
import {
  bindAttachments,
  readAttachment,
  storeAttachment,
  type MessageAttachment,
} from '../../attachments/service.js';
import type { AttachmentDoc } from '../../attachments/model.js';
import type { MessageDoc } from '../../tickets/message.model.js';

export interface StoredParts {
  attachments: MessageAttachment[];
  /** Content-ID -> URL of the stored inline image, for cid: links in the HTML. */
  inline: Map<string, string>;
}

/** Stores an email's attachments and inline images on the ticket; oversized ones are dropped. */
export async function storeEmailAttachments(
  parts: MailPart[],
  ticketId: string,
): Promise<StoredParts> {
  const attachments: MessageAttachment[] = [];
  const inline = new Map<string, string>();
  for (const part of parts) {
    const stored = await storeAttachment({
      data: part.content,
      name: part.filename ?? (part.related ? 'inline-image' : 'attachment'),
      ticketId,
      uploadedBy: { kind: 'contact' },
      accept: 'any',
    });
    attachments.push(stored);
    const cid = part.cid?.replace(/^<|>$/g, '');
    if (cid && stored.fileId) inline.set(cid, `/api/attachments/${String(stored.fileId)}`);
  }
  return { attachments, inline };
}

/** Marks the stored files as carried by the message they came with. */
export async function bindEmailAttachments(
  stored: MessageAttachment[],
  messageId: Types.ObjectId,
): Promise<void> {
  const docs = stored.filter((a) => a.fileId).map((a) => ({ _id: a.fileId }));
  await bindAttachments(docs as unknown as AttachmentDoc[], messageId);
}

/** An expert's stored attachments as nodemailer attachments (dropped ones are left out). */
export async function outgoingAttachments(
  list: MessageDoc['attachments'],
): Promise<Array<{ filename: string; content: Buffer; contentType: string }>> {
  const out = [];
  for (const a of list) {
    if (a.dropped || !a.fileId) continue;
    const { doc, data } = await readAttachment(String(a.fileId));
    out.push({ filename: doc.name, content: data, contentType: doc.contentType });
  }
  return out;
}
