import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, startTestApp, type TestApp } from '../../test/app.js';
import { makeGroup } from '../../test/factories.js';
import { Contact, ContactIdentity } from '../contacts/model.js';
import { findOrCreateContact, mergeContacts } from '../contacts/service.js';
import { CurrentTicket } from './current-ticket.model.js';
import { InboundKey } from './inbound-key.model.js';
import { Message } from './message.model.js';
import { Ticket } from './model.js';
import { changeStatus, openTicket, recordContact, type ContactEvent } from './service.js';
import { SYSTEM } from './timeline.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await makeGroup({ isDefault: true });
});
afterAll(() => app.close());

const sms = (phone: string, externalId: string): ContactEvent => ({
  channel: 'sms',
  direction: 'in',
  caller: { kind: 'phone', value: phone },
  contact: { phone },
  message: { text: `text of ${externalId}`, externalId },
  outcome: 'received',
});

describe('recordContact reads and writes by _id', () => {
  it('keeps the idempotency key, the identity and the open ticket on documents addressed by _id', async () => {
    const first = await recordContact(sms('+989121235001', 'SM-k1'));
    const key = await InboundKey.findById('sms:SM-k1').lean();
    expect(String(key!.message)).toBe(String(first.message!._id));
    const identity = await ContactIdentity.findById('phone:+989121235001').lean();
    expect(String(identity!.contact)).toBe(String(first.contact._id));
    const pointer = await CurrentTicket.findById(`${first.contact._id}:sms`).lean();
    expect(String(pointer!.ticket)).toBe(String(first.ticket._id));

    const second = await recordContact(sms('+989121235001', 'SM-k2'));
    expect(String(second.ticket._id)).toBe(String(first.ticket._id));
    expect(String(second.contact._id)).toBe(String(first.contact._id));
  });

  it('finishes a message whose key was claimed before a crash, with the reserved id, once', async () => {
    const reserved = new Types.ObjectId();
    await InboundKey.create({ _id: 'sms:SM-crash', message: reserved });
    const done = await recordContact(sms('+989121235002', 'SM-crash'));
    expect(done.duplicate).toBe(false);
    expect(String(done.message!._id)).toBe(String(reserved));
    const again = await recordContact(sms('+989121235002', 'SM-crash'));
    expect(again.duplicate).toBe(true);
    expect(String(again.message!._id)).toBe(String(reserved));
    expect(await Message.countDocuments({ externalId: 'SM-crash' })).toBe(1);
  });

  it('recognises a message stored before idempotency keys existed', async () => {
    const first = await recordContact(sms('+989121235003', 'SM-old'));
    await InboundKey.deleteOne({ _id: 'sms:SM-old' });
    const retry = await recordContact(sms('+989121235003', 'SM-old'));
    expect(retry.duplicate).toBe(true);
    expect(String(retry.message!._id)).toBe(String(first.message!._id));
    expect(await Message.countDocuments({ externalId: 'SM-old' })).toBe(1);
    expect(await Ticket.countDocuments({ contact: first.contact._id })).toBe(1);
  });

  it('still finds the contact of an identity row written before ids were <kind>:<value>', async () => {
    const phone = '+989121235004';
    const contact = await Contact.create({ name: 'Old', phones: [{ number: phone }] });
    await ContactIdentity.collection.insertOne({
      _id: new Types.ObjectId(),
      kind: 'phone',
      value: phone,
      contact: contact._id,
    });
    const result = await recordContact(sms(phone, 'SM-legacy-identity'));
    expect(String(result.contact._id)).toBe(String(contact._id));
    expect(await Contact.countDocuments({ 'phones.number': phone })).toBe(1);
    expect(String((await findOrCreateContact({ phone }))._id)).toBe(String(contact._id));
  });

  it('follows the newest open ticket: one opened elsewhere, and a new one after close', async () => {
    const first = await recordContact(sms('+989121235005', 'SM-n1'));
    const contact = first.contact;
    const newer = await openTicket({ contact, channel: 'sms', actor: SYSTEM });
    const second = await recordContact(sms('+989121235005', 'SM-n2'));
    expect(String(second.ticket._id)).toBe(String(newer._id));

    await changeStatus(String(newer._id), 'closed', SYSTEM);
    const third = await recordContact(sms('+989121235005', 'SM-n3'));
    expect(String(third.ticket._id)).toBe(String(first.ticket._id));

    await changeStatus(String(first.ticket._id), 'closed', SYSTEM);
    const fourth = await recordContact(sms('+989121235005', 'SM-n4'));
    expect(fourth.createdTicket).toBe(true);
    const fifth = await recordContact(sms('+989121235005', 'SM-n5'));
    expect(String(fifth.ticket._id)).toBe(String(fourth.ticket._id));
  });

  it('after a contact merge, goes to the newest open ticket the merge brought in', async () => {
    const admin = await makeUser({ roles: ['admin'] });
    const target = await recordContact(sms('+989121235006', 'SM-m1'));
    const source = await recordContact(sms('+989121235007', 'SM-m2'));
    await mergeContacts(String(target.contact._id), String(source.contact._id), String(admin._id));
    const next = await recordContact(sms('+989121235006', 'SM-m3'));
    expect(String(next.contact._id)).toBe(String(target.contact._id));
    expect(String(next.ticket._id)).toBe(String(source.ticket._id));
  });

  it('two messages of a new caller at once: one contact, one ticket', async () => {
    const results = await Promise.all(
      ['SM-p1', 'SM-p2', 'SM-p3'].map((id) => recordContact(sms('+989121235008', id))),
    );
    expect(new Set(results.map((r) => String(r.contact._id))).size).toBe(1);
    expect(new Set(results.map((r) => String(r.ticket._id))).size).toBe(1);
    expect(await Ticket.countDocuments({ contact: results[0]!.contact._id })).toBe(1);
  });
});
