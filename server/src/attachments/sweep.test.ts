import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { makeGroup, makeTicket } from '../../test/factories.js';
import { Message } from '../tickets/message.model.js';
import type { TicketDoc } from '../tickets/model.js';
import { Attachment, AttachmentChunk } from './model.js';
import { bindAttachments, storeAttachment } from './service.js';
import { sweepUnsentAttachments } from './sweep.js';

let app: TestApp;
let ticket: TicketDoc;

beforeAll(async () => {
  app = await startTestApp();
  ticket = await makeTicket(await makeGroup());
});
afterAll(() => app.close());

const hoursLater = (h: number) => new Date(Date.now() + h * 3600_000);
// Over one chunk (255 KiB), so a removed file's every chunk is checked.
const bytes = (fill: number) => Buffer.alloc(300 * 1024, fill);

async function stored(fill: number) {
  const file = await storeAttachment({
    data: bytes(fill),
    name: `f${fill}.bin`,
    ticketId: ticket._id,
    uploadedBy: { kind: 'expert', id: 'e1' },
  });
  return { ...file, fileId: file.fileId! };
}

const messageWith = (files: Array<Awaited<ReturnType<typeof stored>>>) =>
  Message.create({
    ticket: ticket._id,
    direction: 'out',
    channel: 'webchat',
    authorKind: 'expert',
    text: 'see the files',
    externalId: `test:${new Types.ObjectId()}`,
    attachments: files,
  });

const chunksOf = (fileId: Types.ObjectId) =>
  AttachmentChunk.countDocuments({ _id: { $in: [`${fileId}:0`, `${fileId}:1`] } });

describe('sweeping files no message carries', () => {
  it('drops unsent and half-written uploads, keeps sent ones, links a file its message lists', async () => {
    const unsent = await stored(1);
    const sent = await stored(2);
    const sentMessage = await messageWith([sent]);
    await bindAttachments([{ _id: sent.fileId } as never], sentMessage._id);
    // The message was written but the crash came before the file's own link.
    const unlinked = await stored(3);
    const unlinkedMessage = await messageWith([unlinked]);
    const halfWritten = await Attachment.create({
      ticket: ticket._id,
      name: 'cut.bin',
      contentType: 'application/octet-stream',
      size: 10,
      chunks: 1,
      sha256: 'x',
      uploadedBy: { kind: 'contact' },
    });
    expect(await chunksOf(unsent.fileId)).toBe(2);

    // Two hours on: only the half-written upload is given up; an expert may still send the rest.
    expect(await sweepUnsentAttachments(hoursLater(2))).toEqual({ removed: 1, linked: 0 });
    expect(await Attachment.exists({ _id: halfWritten._id })).toBeNull();
    expect(await Attachment.exists({ _id: unsent.fileId })).not.toBeNull();

    // Three days on: the unsent upload and its chunks are gone; what messages carry stays.
    expect(await sweepUnsentAttachments(hoursLater(73))).toEqual({ removed: 1, linked: 1 });
    expect((await Attachment.findById(unlinked.fileId).lean())?.message).toEqual(
      unlinkedMessage._id,
    );
    expect(await Attachment.exists({ _id: unsent.fileId })).toBeNull();
    expect(await chunksOf(unsent.fileId)).toBe(0);
    for (const kept of [sent, unlinked]) {
      expect(await Attachment.exists({ _id: kept.fileId })).not.toBeNull();
      expect(await chunksOf(kept.fileId)).toBe(2);
    }
    expect(await sweepUnsentAttachments(hoursLater(73))).toEqual({ removed: 0, linked: 0 });
  });
});
