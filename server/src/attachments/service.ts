import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { config } from '../core/config.js';
import { notFound, unprocessable } from '../core/errors.js';
import { Attachment, AttachmentChunk, type AttachmentDoc } from './model.js';
import { accepts, sniffContentType, type AcceptPolicy } from './content-type.js';

const CHUNK_BYTES = 255 * 1024;
const MAX_NAME = 200;

/** The shape of `Message.attachments[]`. */
export interface MessageAttachment {
  fileId: Types.ObjectId | null;
  name: string;
  contentType: string;
  size: number;
  dropped: boolean;
  reason: string | null;
}

export interface StoreAttachmentInput {
  data: Buffer;
  name: string;
  ticketId: Types.ObjectId | string;
  uploadedBy: { kind: 'contact' | 'expert' | 'system'; id?: string | null };
  maxBytes?: number;
  accept?: AcceptPolicy;
}

/**
 * Stores a file for a ticket. A file over the limit or of a refused type is not stored: the
 * result says it was dropped and why, so the message that carried it still lands.
 */
export async function storeAttachment(input: StoreAttachmentInput): Promise<MessageAttachment> {
  const name = safeFileName(input.name);
  const maxBytes = input.maxBytes ?? config().ATTACHMENT_MAX_BYTES;
  const contentType = await sniffContentType(input.data);
  const base = { name, contentType, size: input.data.length };
  if (input.data.length > maxBytes)
    return { ...base, fileId: null, dropped: true, reason: `larger than ${maxBytes} bytes` };
  if (input.data.length === 0)
    return { ...base, fileId: null, dropped: true, reason: 'empty file' };
  if (!accepts(input.accept ?? 'any', contentType))
    return { ...base, fileId: null, dropped: true, reason: `type ${contentType} is not accepted` };

  const fileId = new Types.ObjectId();
  const chunks = Math.ceil(input.data.length / CHUNK_BYTES);
  await Attachment.create({
    _id: fileId,
    ticket: input.ticketId,
    name,
    contentType,
    size: input.data.length,
    chunks,
    sha256: createHash('sha256').update(input.data).digest('hex'),
    uploadedBy: { kind: input.uploadedBy.kind, id: input.uploadedBy.id ?? null },
  });
  for (let n = 0; n < chunks; n++) {
    await AttachmentChunk.create({
      _id: `${String(fileId)}:${n}`,
      data: input.data.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES),
    });
  }
  await Attachment.updateOne({ _id: fileId }, { $set: { complete: true } });
  return { ...base, fileId, dropped: false, reason: null };
}

export async function getAttachment(fileId: string): Promise<AttachmentDoc> {
  if (!Types.ObjectId.isValid(fileId)) throw notFound('Attachment');
  const doc = await Attachment.findById(fileId).lean<AttachmentDoc>();
  if (!doc || !doc.complete) throw notFound('Attachment');
  return doc;
}

export interface OpenedAttachment {
  stream: Readable;
  contentType: string;
  name: string;
  size: number;
  ticketId: Types.ObjectId;
}

/** Streams the bytes chunk by chunk, so a large file is never held in memory whole. */
export async function openAttachment(fileId: string): Promise<OpenedAttachment> {
  const doc = await getAttachment(fileId);
  return {
    stream: Readable.from(readChunks(doc)),
    contentType: doc.contentType,
    name: doc.name,
    size: doc.size,
    ticketId: doc.ticket,
  };
}

async function* readChunks(doc: AttachmentDoc): AsyncGenerator<Buffer> {
  for (let n = 0; n < doc.chunks; n++) {
    const chunk = await AttachmentChunk.findById(`${String(doc._id)}:${n}`).lean<{
      data: Buffer | { buffer: Buffer };
    }>();
    if (!chunk) throw new Error(`attachment ${String(doc._id)} is missing chunk ${n}`);
    yield Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data.buffer);
  }
}

/** Reads a whole file (for a channel that must hand the bytes on, e.g. an email part). */
export async function readAttachment(
  fileId: string,
): Promise<{ doc: AttachmentDoc; data: Buffer }> {
  const doc = await getAttachment(fileId);
  const parts: Buffer[] = [];
  for await (const part of readChunks(doc)) parts.push(part);
  return { doc, data: Buffer.concat(parts) };
}

/** Marks checked files (from `loadUnclaimed`) as carried by their message. */
export async function bindAttachments(
  docs: readonly AttachmentDoc[],
  messageId: Types.ObjectId,
): Promise<void> {
  if (!docs.length) return;
  await Attachment.updateMany(
    { _id: { $in: docs.map((d) => d._id) } },
    { $set: { message: messageId } },
  );
}

/**
 * The files a message may carry, checked before the message is created: each must belong to the
 * ticket, have been uploaded by this author and not already be on another message.
 */
export async function loadUnclaimed(
  fileIds: readonly string[],
  ticketId: Types.ObjectId | string,
  uploader: { kind: 'contact' | 'expert'; id: string },
): Promise<AttachmentDoc[]> {
  const unique = [...new Set(fileIds)];
  if (!unique.length) return [];
  if (!unique.every((id) => Types.ObjectId.isValid(id)))
    throw unprocessable('attachment_invalid', 'An attachment id is not valid');
  const docs = await Attachment.find({ _id: { $in: unique } }).lean<AttachmentDoc[]>();
  const usable = docs.filter(
    (d) =>
      d.complete &&
      !d.message &&
      String(d.ticket) === String(ticketId) &&
      d.uploadedBy?.kind === uploader.kind &&
      d.uploadedBy.id === uploader.id,
  );
  if (usable.length !== unique.length)
    throw unprocessable(
      'attachment_invalid',
      'An attachment does not exist, belongs to another ticket or was already sent',
    );
  return unique.map((id) => usable.find((d) => String(d._id) === id)!);
}

export function presentMessageAttachment(doc: AttachmentDoc): MessageAttachment {
  return {
    fileId: doc._id,
    name: doc.name,
    contentType: doc.contentType,
    size: doc.size,
    dropped: false,
    reason: null,
  };
}

/** A plain file name: no folders, no control characters, not empty, not too long. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  const limited = cleaned.slice(-MAX_NAME);
  return limited && limited !== '.' && limited !== '..' ? limited : 'file';
}
