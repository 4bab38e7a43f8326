import type { Types } from 'mongoose';
import { insertKeepingDuplicates } from '../../core/db.js';
import { groupCommit } from '../../core/group-commit.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';

export interface VisitorMessageInput {
  _id: Types.ObjectId;
  ticket: Types.ObjectId;
  contact: Types.ObjectId;
  authorName: string;
  text: string;
  attachments: MessageDoc['attachments'];
  /** `webchat:<visitor>:<client id>`. */
  externalId: string;
}

/**
 * The stored form of a visitor's message, every field as the Message schema defaults it
 * (message-store.test.ts holds the two together). Built by hand because building and validating a
 * Mongoose document costs more than the insert itself at chat rates.
 */
export function visitorMessageRow(input: VisitorMessageInput, now: Date): MessageDoc {
  return {
    ...input,
    direction: 'in',
    channel: 'webchat',
    authorKind: 'contact',
    author: null,
    html: null,
    mentions: [],
    deliveryStatus: 'received',
    deliveryError: null,
    deliveryErrorCode: null,
    readAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Visitor messages arriving together are inserted together (group commit): one round trip per
 * batch instead of one per message, each row refused on its own when it is a resend.
 */
const insertBatch = groupCommit(
  async (rows: MessageDoc[]) => {
    const duplicates = await insertKeepingDuplicates(Message.collection, rows);
    return rows.map((_, i) => !duplicates.has(i));
  },
  { lingerMs: 2 },
);

/**
 * Stores a visitor message under its reserved `_id`. When that id or the (channel, external id)
 * pair is already stored (a resend racing the first attempt, or a client id Redis forgot),
 * answers the stored one instead.
 */
export async function storeVisitorMessage(
  input: VisitorMessageInput,
): Promise<{ message: MessageDoc; duplicate: boolean }> {
  const row = visitorMessageRow(input, new Date());
  if (await insertBatch(row)) return { message: row, duplicate: false };
  const stored =
    (await Message.findById(row._id).lean<MessageDoc>()) ??
    (await Message.findOne({
      channel: row.channel,
      externalId: row.externalId,
    }).lean<MessageDoc>());
  if (!stored) throw new Error(`message ${String(row._id)} refused as a duplicate but not found`);
  return { message: stored, duplicate: true };
}
