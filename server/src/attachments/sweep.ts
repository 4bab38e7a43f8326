import type { Types } from 'mongoose';
import { Message } from '../tickets/message.model.js';
import { Attachment, AttachmentChunk } from './model.js';

/** An upload nobody sent within this time is dropped (the composer that held it is long gone). */
export const UNSENT_KEEP_MS = 72 * 3600_000;
/** An upload still incomplete after this was cut off half-way and is never served. */
const INCOMPLETE_KEEP_MS = 3600_000;
const BATCH = 500;

/**
 * Files no message carries: uploads never sent, and copies a crash or a retried webhook left
 * between storing a file and writing the message that carries it. A file some message lists
 * although its own link was not written (a crash between those two writes) is linked, not dropped.
 */
export async function sweepUnsentAttachments(
  now = new Date(),
): Promise<{ removed: number; linked: number }> {
  const candidates = await Attachment.find(
    {
      message: null,
      $or: [
        { createdAt: { $lt: new Date(now.getTime() - UNSENT_KEEP_MS) } },
        { complete: false, createdAt: { $lt: new Date(now.getTime() - INCOMPLETE_KEEP_MS) } },
      ],
    },
    { _id: 1, chunks: 1, ticket: 1 },
  )
    .limit(BATCH)
    .lean<Array<{ _id: Types.ObjectId; chunks: number; ticket: Types.ObjectId }>>();
  if (!candidates.length) return { removed: 0, linked: 0 };

  // A file is only ever carried by a message of its own ticket (the ticket index finds those).
  const carriers = await Message.find(
    {
      ticket: { $in: [...new Set(candidates.map((c) => String(c.ticket)))] },
      'attachments.fileId': { $in: candidates.map((c) => c._id) },
    },
    { 'attachments.fileId': 1 },
  ).lean<Array<{ _id: Types.ObjectId; attachments: Array<{ fileId: Types.ObjectId | null }> }>>();
  const carrierOf = new Map<string, Types.ObjectId>();
  for (const m of carriers)
    for (const a of m.attachments) if (a.fileId) carrierOf.set(String(a.fileId), m._id);

  let removed = 0;
  let linked = 0;
  for (const file of candidates) {
    const carrier = carrierOf.get(String(file._id));
    if (carrier) {
      await Attachment.updateOne({ _id: file._id, message: null }, { $set: { message: carrier } });
      linked += 1;
      continue;
    }
    // Still unsent at this moment: a message that took it meanwhile keeps it.
    const gone = await Attachment.deleteOne({ _id: file._id, message: null });
    if (!gone.deletedCount) continue;
    const chunkIds = Array.from({ length: file.chunks }, (_, n) => `${String(file._id)}:${n}`);
    await AttachmentChunk.deleteMany({ _id: { $in: chunkIds } });
    removed += 1;
  }
  return { removed, linked };
}
