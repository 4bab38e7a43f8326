import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { makeContact, makeExpert, makeGroup, makeTicket, userById } from '../../test/factories.js';
import { ExpertGroup } from '../expert-groups/model.js';
import { Product, Unit } from '../products/model.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { changeStatus, getTicket } from '../tickets/service.js';
import { SYSTEM } from '../tickets/timeline.js';
import { chooseGroup } from './choose-group.js';
import { setPresence } from './presence.js';
import { overflowWaitingTickets } from './processors.js';
import { queuePosition } from './queue-stats.js';
import { RoutingRule } from './rules.model.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const assigneeOf = async (t: TicketDoc) => String((await getTicket(t._id)).assignee);

describe('choosing the expert', () => {
  it('gives a new ticket to the online member with the fewest open conversations', async () => {
    const g = await makeGroup();
    const busy = await makeExpert([g], { online: true, idleSince: minutesAgo(60) });
    await makeTicket(g); // goes to `busy` (only one online so far)
    const free = await makeExpert([g], { online: true, idleSince: minutesAgo(1) });
    const t = await makeTicket(g);
    expect(t.status).toBe('assigned');
    expect(String(t.assignee)).toBe(String(free._id));
    expect((await userById(busy._id))!.activeCount).toBe(1);
  });

  it('breaks ties by the longest idle expert', async () => {
    const g = await makeGroup();
    await makeExpert([g], { online: true, idleSince: minutesAgo(5) });
    const longest = await makeExpert([g], { online: true, idleSince: minutesAgo(50) });
    await makeExpert([g], { online: true, idleSince: minutesAgo(10) });
    expect(await assigneeOf(await makeTicket(g))).toBe(String(longest._id));
  });

  it("prefers the contact's own expert when online, in the group and under capacity", async () => {
    const g = await makeGroup();
    await makeExpert([g], { online: true });
    const own = await makeExpert([g], { online: true });
    await makeTicket(g, { contact: await makeContact() }); // gives `own` or the other one a ticket
    const contact = await makeContact({ assignedExpert: own._id });
    expect(await assigneeOf(await makeTicket(g, { contact }))).toBe(String(own._id));

    await setPresence(String(own._id), 'away');
    const next = await makeTicket(g, { contact });
    expect(next.status).toBe('assigned');
    expect(String(next.assignee)).not.toBe(String(own._id));
  });

  it('queues when every online expert is at capacity, and never picks offline or away experts', async () => {
    const g = await makeGroup({ defaultMaxConcurrent: 1 });
    const e = await makeExpert([g], { online: true });
    await makeExpert([g], { online: false });
    const away = await makeExpert([g], { online: true });
    await setPresence(String(away._id), 'away');
    const first = await makeTicket(g);
    expect(String(first.assignee)).toBe(String(e._id));
    const second = await makeTicket(g);
    expect(second.status).toBe('queued');
    expect(second.assignee).toBeNull();
    expect(await queuePosition(second)).toMatchObject({ position: 1 });
    expect((await userById(e._id))!.activeCount).toBe(1);
  });

  it('uses a per-expert capacity over the group default', async () => {
    const g = await makeGroup({ defaultMaxConcurrent: 1 });
    const e = await makeExpert([g], { online: true, maxConcurrent: 3 });
    const tickets = [
      await makeTicket(g),
      await makeTicket(g),
      await makeTicket(g),
      await makeTicket(g),
    ];
    expect(tickets.map((t) => t.status)).toEqual(['assigned', 'assigned', 'assigned', 'queued']);
    expect((await userById(e._id))!.activeCount).toBe(3);
  });
});

describe('the queue', () => {
  it('serves priority before age when an expert comes online', async () => {
    const g = await makeGroup({ defaultMaxConcurrent: 1 });
    const older = await makeTicket(g, { priority: 'normal' });
    const urgent = await makeTicket(g, { priority: 'urgent' });
    expect((await queuePosition(urgent))!.position).toBe(1);
    expect((await queuePosition(older))!.position).toBe(2);
    const e = await makeExpert([g], { online: true });
    expect(await assigneeOf(urgent)).toBe(String(e._id));
    expect((await getTicket(older._id)).status).toBe('queued');
  });

  it('gives freed capacity to the oldest waiting ticket, never a newer one', async () => {
    const g = await makeGroup({ defaultMaxConcurrent: 1 });
    const e = await makeExpert([g], { online: true });
    const current = await makeTicket(g);
    const waiting = [await makeTicket(g), await makeTicket(g), await makeTicket(g)];
    expect(waiting.map((t) => t.status)).toEqual(['queued', 'queued', 'queued']);
    await changeStatus(String(current._id), 'resolved', SYSTEM);
    expect(await assigneeOf(waiting[0]!)).toBe(String(e._id));
    expect((await getTicket(waiting[1]!._id)).status).toBe('queued');
    expect((await queuePosition(await getTicket(waiting[2]!._id)))!.position).toBe(2);
  });

  it('sends a reopened ticket whose expert is offline back to the queue', async () => {
    const g = await makeGroup();
    const e = await makeExpert([g], { online: true });
    const t = await makeTicket(g);
    await changeStatus(String(t._id), 'resolved', SYSTEM);
    expect((await userById(e._id))!.activeCount).toBe(0);
    await setPresence(String(e._id), 'offline');
    const reopened = await changeStatus(String(t._id), 'open', SYSTEM);
    expect(reopened.status).toBe('queued');
    expect(reopened.assignee).toBeNull();

    await setPresence(String(e._id), 'online');
    expect(await assigneeOf(t)).toBe(String(e._id));
    await changeStatus(String(t._id), 'resolved', SYSTEM);
    const again = await changeStatus(String(t._id), 'open', SYSTEM);
    expect(again.status).toBe('assigned');
    expect(String(again.assignee)).toBe(String(e._id));
  });

  it('keeps an offline expert’s pending tickets but gives them no new ones', async () => {
    const g = await makeGroup();
    const e = await makeExpert([g], { online: true });
    const t = await makeTicket(g);
    await changeStatus(String(t._id), 'pending', SYSTEM);
    await setPresence(String(e._id), 'offline');
    expect((await getTicket(t._id)).assignee?.toString()).toBe(String(e._id));
    expect((await makeTicket(g)).status).toBe('queued');
  });

  it('overflows to the overflow group when nobody has been online for longer than the limit', async () => {
    const overflow = await makeGroup();
    const helper = await makeExpert([overflow], { online: true });
    const g = await makeGroup({ overflowGroup: overflow._id, overflowAfterMinutes: 5 });
    const waiting = await makeTicket(g);
    expect(waiting.status).toBe('queued');
    expect(await overflowWaitingTickets()).toBe(0);

    await ExpertGroup.updateOne({ _id: g._id }, { $set: { unstaffedSince: minutesAgo(6) } });
    expect(await overflowWaitingTickets()).toBe(1);
    const moved = await getTicket(waiting._id);
    expect(String(moved.group)).toBe(String(overflow._id));
    expect(String(moved.assignee)).toBe(String(helper._id));
    expect(moved.timeline.map((e) => e.event)).toContain('overflowed');

    const direct = await makeTicket(null, { entryPoint: undefined, groupId: String(g._id) });
    expect(String(direct.group)).toBe(String(overflow._id));
  });
});

describe('choosing the group', () => {
  it('follows rules by entry point, then product model, then ticket type, else the default group', async () => {
    const fallback = await makeGroup({ isDefault: true });
    await ExpertGroup.updateMany({ _id: { $ne: fallback._id } }, { $set: { isDefault: false } });
    const byTopic = await makeGroup();
    const byModel = await makeGroup();
    const byType = await makeGroup();
    await RoutingRule.create([
      { kind: 'entry-point', entryKind: 'webchat-topic', value: 'guarantee', group: byTopic._id },
      {
        kind: 'entry-point',
        entryKind: 'mailbox',
        value: 'warranty@desk.test',
        group: byTopic._id,
      },
      { kind: 'product-model', value: 'MK-P400', group: byModel._id },
      { kind: 'ticket-type', value: 'complaint', group: byType._id },
    ]);
    const id = async (facts: Parameters<typeof chooseGroup>[0]) =>
      String((await chooseGroup(facts))?._id);
    expect(
      await id({
        entryPoint: { kind: 'webchat-topic', value: 'guarantee' },
        productCode: 'MK-P400',
        ticketType: 'complaint',
      }),
    ).toBe(String(byTopic._id));
    expect(await id({ entryPoint: { kind: 'mailbox', value: 'Warranty@Desk.test' } })).toBe(
      String(byTopic._id),
    );
    expect(
      await id({
        entryPoint: { kind: 'webchat-topic', value: 'other' },
        productCode: 'MK-P400',
        ticketType: 'complaint',
      }),
    ).toBe(String(byModel._id));
    expect(await id({ productCode: 'MK-P200', ticketType: 'complaint' })).toBe(String(byType._id));
    expect(await id({ ticketType: 'question' })).toBe(String(fallback._id));

    const product = await Product.create({ code: 'MK-P400', name: { fa: 'پ', en: 'P' } });
    const unit = await Unit.create({
      serial: 'RT-0001',
      product: product._id,
      productCode: 'MK-P400',
      productionDate: new Date('2024-01-01'),
    });
    const t = await makeTicket(null, { groupId: null, unit: unit.toObject() });
    expect(String(t.group)).toBe(String(byModel._id));
  });
});

describe('SLA in business hours', () => {
  it('counts due times in the group’s business hours', async () => {
    const g = await makeGroup({
      businessHours: {
        timezone: 'Asia/Tehran',
        alwaysOpen: false,
        // Open every day 08:00-17:00 Tehran.
        weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
          day,
          open: '08:00',
          close: '17:00',
        })) as never,
        holidays: [],
      },
      sla: { firstResponseMinutes: 60, resolutionMinutes: 9 * 60, warningPercent: 80 },
    });
    const t = await makeTicket(g);
    const due = (await Ticket.findById(t._id).lean<TicketDoc>())!.sla!;
    const created = new Date(t.createdAt);
    expect(due.firstResponseDueAt!.getTime()).toBeGreaterThanOrEqual(
      created.getTime() + 60 * 60_000,
    );
    // Nine business hours is a whole business day: same local time the next open day (or 17:00 -> next 17:00).
    expect(due.resolutionDueAt!.getTime() - created.getTime()).toBeGreaterThanOrEqual(9 * 3600_000);
  });
});
