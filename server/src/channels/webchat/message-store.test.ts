import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { Message } from '../../tickets/message.model.js';
import {
  storeVisitorMessage,
  visitorMessageRow,
  type VisitorMessageInput,
} from './message-store.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ticket = new Types.ObjectId();
const contact = new Types.ObjectId();
const input = (n: number, id = new Types.ObjectId()): VisitorMessageInput => ({
  _id: id,
  ticket,
  contact,
  authorName: 'Visitor',
  text: `message ${n}`,
  attachments: [] as unknown as VisitorMessageInput['attachments'],
  externalId: `webchat:v1:c${n}`,
});

describe('visitor message store', () => {
  it('builds the row the Message schema would: every path, the same defaults, valid', () => {
    const now = new Date();
    const row = visitorMessageRow(input(1), now);
    const viaSchema = new Message({
      ...input(1, row._id),
      direction: 'in',
      channel: 'webchat',
      authorKind: 'contact',
    });
    expect(viaSchema.validateSync()).toBeUndefined();
    expect(new Message(row).validateSync()).toBeUndefined();
    const schemaPaths = Object.keys(Message.schema.paths).filter((p) => p !== '__v');
    expect(Object.keys(row).sort()).toEqual(schemaPaths.sort());
    const { createdAt: _c, updatedAt: _u, ...defaults } = row;
    expect(viaSchema.toObject()).toMatchObject(defaults);
  });

  it('stores a burst once per id and per external id, answering resends with the stored row', async () => {
    const firsts = Array.from({ length: 15 }, (_, n) => input(n));
    const sameId = firsts.slice(0, 4).map((m) => ({ ...m, text: 'resend, same id' }));
    const sameClientId = firsts.slice(4, 6).map((m) => ({
      ...m,
      _id: new Types.ObjectId(),
      text: 'resend, id forgotten',
    }));
    const results = await Promise.all(
      [...firsts, ...sameId, ...sameClientId].map((m) => storeVisitorMessage(m)),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(15);
    const resends = results.slice(15);
    expect(resends.every((r) => r.duplicate)).toBe(true);
    expect(resends.map((r) => String(r.message._id))).toEqual(
      firsts.slice(0, 6).map((m) => String(m._id)),
    );
    expect(resends.map((r) => r.message.text)).toEqual(firsts.slice(0, 6).map((m) => m.text));
    expect(await Message.countDocuments({ ticket })).toBe(15);
  });
});
