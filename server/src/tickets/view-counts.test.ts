import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeExpert, makeGroup, makeTicket } from '../../test/factories.js';
import { registerChannel, unregisterChannel } from '../channels/registry.js';
import type { ExpertGroupDoc } from '../expert-groups/model.js';
import { Ticket } from './model.js';
import { reconcileTicketViews } from './view-counts.js';

let app: TestApp;
let group: ExpertGroupDoc;
let other: ExpertGroupDoc;
let expert: SignedIn;
let supervisor: SignedIn;

beforeAll(async () => {
  app = await startTestApp();
  group = await makeGroup();
  other = await makeGroup();
  expert = await signIn(app, await makeExpert([group], { maxConcurrent: 1 }));
  supervisor = await signIn(app, await makeUser({ roles: ['supervisor'], groups: [group._id] }));
  registerChannel({
    channel: 'sms',
    reach: async () => null,
    send: async () => ({ status: 'sent' }),
  });
});
afterAll(async () => {
  unregisterChannel('sms');
  await app.close();
});

const counts = async (who: SignedIn) =>
  (await who.agent.get('/api/tickets/counts').expect(200)).body;
const send = (who: SignedIn, method: 'post' | 'patch', path: string, body: object) =>
  who.agent[method](path).set('X-CSRF-Token', who.csrf).send(body);
const overdue = () => new Date(Date.now() - 60_000);

describe('inbox view counts and the SLA-at-risk filter', () => {
  it('follows tickets as they are queued, taken, held and answered, per viewer', async () => {
    expect(await counts(expert)).toEqual({
      mine: 0,
      queue: 0,
      unassigned: 0,
      pending: 0,
      callbacks: 0,
      sla: 0,
    });
    const question = await makeTicket(group, { subject: 'question' });
    await makeTicket(group, { subject: 'call me', type: 'callback' });
    await makeTicket(other, { subject: 'not for this expert' });
    expect(await counts(expert)).toMatchObject({ queue: 2, unassigned: 2, callbacks: 1, mine: 0 });
    expect(await counts(supervisor)).toMatchObject({ queue: 2, unassigned: 3, callbacks: 1 });

    // Going online with room for one takes the longest waiting ticket.
    await expert.agent
      .put('/api/users/me/presence')
      .set('X-CSRF-Token', expert.csrf)
      .send({ status: 'online' })
      .expect(200);
    expect((await Ticket.findById(question._id))?.assignee).not.toBeNull();
    expect(await counts(expert)).toMatchObject({ mine: 1, queue: 1, unassigned: 1, pending: 0 });
    await send(expert, 'patch', `/api/tickets/${question._id}`, { status: 'pending' }).expect(200);
    expect(await counts(expert)).toMatchObject({ mine: 1, pending: 1 });
    await send(expert, 'patch', `/api/tickets/${question._id}`, { status: 'resolved' }).expect(200);
    // Resolving frees the place: the callback is taken next.
    expect(await counts(expert)).toMatchObject({ mine: 1, pending: 0, queue: 0, unassigned: 0 });
    await expert.agent
      .put('/api/users/me/presence')
      .set('X-CSRF-Token', expert.csrf)
      .send({ status: 'offline' })
      .expect(200);
  });

  it('lists and counts exactly the running tickets due within the risk window or past it', async () => {
    const late = await makeTicket(group, { subject: 'late' });
    const soon = await makeTicket(group, { subject: 'soon' });
    const calm = await makeTicket(group, { subject: 'calm' });
    const held = await makeTicket(group, { subject: 'pending, clock stopped' });
    await Ticket.updateOne({ _id: late._id }, { $set: { 'sla.firstResponseDueAt': overdue() } });
    await Ticket.updateOne(
      { _id: soon._id },
      { $set: { 'sla.resolutionDueAt': new Date(Date.now() + 10 * 60_000) } },
    );
    await Ticket.updateOne(
      { _id: held._id },
      { $set: { status: 'pending', 'sla.firstResponseDueAt': overdue() } },
    );
    // Written behind the service's back: the reconcile job brings the counters in line.
    expect((await counts(expert)).sla).toBe(0);
    await reconcileTicketViews();
    expect((await counts(expert)).sla).toBe(2);

    const list = await expert.agent.get('/api/tickets').query({ sla: 'risk' }).expect(200);
    const ids = list.body.items.map((t: { id: string }) => t.id).sort();
    expect(ids).toEqual([String(late._id), String(soon._id)].sort());
    expect(ids).not.toContain(String(calm._id));
    expect((await expert.agent.get('/api/tickets').query({ sla: 'soon' })).status).toBe(400);

    // The first reply meets the first-response target: the ticket is no longer at risk.
    await send(supervisor, 'post', `/api/tickets/${late._id}/messages`, {
      text: 'On it',
      channel: 'sms',
    }).expect(201);
    expect((await counts(expert)).sla).toBe(1);
    const after = await expert.agent.get('/api/tickets').query({ sla: 'risk' }).expect(200);
    expect(after.body.items.map((t: { id: string }) => t.id)).toEqual([String(soon._id)]);
  });

  it('drops tickets closed behind its back at the next reconcile', async () => {
    const before = await counts(supervisor);
    const ticket = await makeTicket(group, { subject: 'closed directly' });
    expect((await counts(supervisor)).unassigned).toBe(before.unassigned + 1);
    await Ticket.updateOne({ _id: ticket._id }, { $set: { status: 'closed' } });
    const fixed = await reconcileTicketViews();
    expect(fixed.dropped).toBeGreaterThanOrEqual(1);
    expect((await counts(supervisor)).unassigned).toBe(before.unassigned);
  });
});
