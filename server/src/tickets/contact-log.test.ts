import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { makeExpert, makeGroup } from '../../test/factories.js';
import { Contact } from '../contacts/model.js';
import { Interaction, type InteractionDoc } from '../interactions/model.js';
import { Message } from './message.model.js';
import { Ticket } from './model.js';
import { changeStatus, recordContact } from './service.js';
import { SYSTEM } from './timeline.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await makeGroup({ isDefault: true });
});
afterAll(() => app.close());

describe('recordContact: the one way channels log a contact', () => {
  const cases = [
    {
      channel: 'sms',
      caller: { kind: 'phone', value: '+989121234001' },
      contact: { phone: '+989121234001' },
      outcome: 'received',
    },
    {
      channel: 'email',
      caller: { kind: 'email', value: 'farmer@example.com' },
      contact: { email: 'farmer@example.com' },
      outcome: 'received',
    },
    {
      channel: 'webchat',
      caller: { kind: 'visitor', value: 'v-abc' },
      contact: { visitorId: 'v-abc', name: 'Visitor' },
      outcome: 'answered',
    },
    {
      channel: 'voice',
      caller: { kind: 'phone', value: '+989121234002' },
      contact: { phone: '+989121234002' },
      outcome: 'voicemail',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.channel}: one contact, one ticket, one message and exactly one interaction with caller, time and outcome`, async () => {
      const before = new Date();
      const result = await recordContact({
        channel: c.channel,
        direction: 'in',
        caller: c.caller,
        contact: c.contact,
        message: { text: `hello over ${c.channel}`, externalId: `${c.channel}-ext-1` },
        outcome: c.outcome,
      });
      expect(result.createdTicket).toBe(true);
      expect(result.duplicate).toBe(false);
      const rows = await Interaction.find({ ticket: result.ticket._id }).lean<InteractionDoc[]>();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        channel: c.channel,
        direction: 'in',
        caller: c.caller,
        outcome: c.outcome,
      });
      expect(rows[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(rows[0]!.localDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(rows[0]!.contact)).toBe(String(result.contact._id));

      // The provider retries the same webhook: nothing new is stored.
      const again = await recordContact({
        channel: c.channel,
        direction: 'in',
        caller: c.caller,
        contact: c.contact,
        message: { text: `hello over ${c.channel}`, externalId: `${c.channel}-ext-1` },
        outcome: c.outcome,
      });
      expect(again.duplicate).toBe(true);
      expect(String(again.message!._id)).toBe(String(result.message!._id));
      expect(await Interaction.countDocuments({ ticket: result.ticket._id })).toBe(1);
      expect(await Message.countDocuments({ ticket: result.ticket._id })).toBe(1);
    });
  }

  it('stores a webhook delivered three times at once exactly once', async () => {
    const event = {
      channel: 'sms' as const,
      direction: 'in' as const,
      caller: { kind: 'phone' as const, value: '+989121234003' },
      contact: { phone: '+989121234003' },
      message: { text: 'same sid', externalId: 'SM-race-1' },
      outcome: 'received' as const,
    };
    const results = await Promise.all([
      recordContact(event),
      recordContact(event),
      recordContact(event),
    ]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await Message.countDocuments({ externalId: 'SM-race-1' })).toBe(1);
    expect(await Ticket.countDocuments({ contact: results[0]!.contact._id })).toBe(1);
    expect(await Contact.countDocuments({ 'phones.number': '+989121234003' })).toBe(1);
    expect(await Interaction.countDocuments({ externalId: 'SM-race-1' })).toBe(1);
  });

  it("appends to the contact's open ticket on that channel, and reopens a recently resolved one", async () => {
    const g = await makeGroup();
    await makeExpert([g], { online: true });
    const base = {
      channel: 'sms' as const,
      direction: 'in' as const,
      caller: { kind: 'phone' as const, value: '+989121234004' },
      contact: { phone: '+989121234004' },
      outcome: 'received' as const,
    };
    const first = await recordContact({ ...base, message: { text: 'one', externalId: 'SM-a1' } });
    const second = await recordContact({ ...base, message: { text: 'two', externalId: 'SM-a2' } });
    expect(String(second.ticket._id)).toBe(String(first.ticket._id));
    expect(second.createdTicket).toBe(false);

    await changeStatus(String(first.ticket._id), 'resolved', SYSTEM);
    const third = await recordContact({ ...base, message: { text: 'three', externalId: 'SM-a3' } });
    expect(String(third.ticket._id)).toBe(String(first.ticket._id));
    expect(['queued', 'assigned']).toContain(third.ticket.status);
    expect(third.ticket.timeline.map((e) => e.event)).toContain('reopened');

    // Another channel is another conversation.
    const email = await recordContact({
      ...base,
      channel: 'email',
      caller: { kind: 'email', value: 'x@example.com' },
      contact: { phone: '+989121234004', email: 'x@example.com' },
      message: { text: 'mail', externalId: '<m1@example.com>' },
    });
    expect(String(email.ticket._id)).not.toBe(String(first.ticket._id));
    expect(String(email.contact._id)).toBe(String(first.contact._id));
  });

  it('logs an event without content (a missed call) as an interaction only', async () => {
    const result = await recordContact({
      channel: 'voice',
      direction: 'in',
      caller: { kind: 'phone', value: '+989121234005' },
      contact: { phone: '+989121234005' },
      ticket: { type: 'callback', subject: 'missed call' },
      outcome: 'missed',
      interactionExternalId: 'CA-missed-1',
      startedAt: new Date(Date.now() - 30_000),
      endedAt: new Date(),
    });
    expect(result.message).toBeNull();
    expect(result.ticket.type).toBe('callback');
    const row = await Interaction.findOne({ externalId: 'CA-missed-1' }).lean<InteractionDoc>();
    expect(row).toMatchObject({ outcome: 'missed', channel: 'voice' });
    expect(row!.durationSec).toBeGreaterThanOrEqual(29);
  });
});
