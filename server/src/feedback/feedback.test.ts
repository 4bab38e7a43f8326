import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeTicket } from '../../test/factories.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;
let ownerId: string;

beforeAll(async () => {
  app = await startTestApp();
  const managerUser = await makeUser({ roles: ['supervisor'] });
  ownerId = String(managerUser._id);
  manager = await signIn(app, managerUser);
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
});
afterAll(() => app.close());

const patch = (t: TicketDoc, body: object, who = manager) =>
  who.agent
    .patch(`/api/tickets/${String(t._id)}/feedback`)
    .set('X-CSRF-Token', who.csrf)
    .send(body);

describe('complaints, suggestions, criticisms', () => {
  it('records category, root cause, corrective action and owner, on the timeline', async () => {
    const complaint = await makeTicket(null, { type: 'complaint', subject: 'Late technician' });
    const start = await manager.agent.get(`/api/tickets/${String(complaint._id)}/feedback`);
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      type: 'complaint',
      subject: 'Late technician',
      reviewState: 'new',
      nextReviewStates: ['under-review'],
    });
    const res = await patch(complaint, {
      category: 'punctuality',
      rootCause: 'Dealer understaffed in summer',
      correctiveAction: 'Second technician hired',
      owner: ownerId,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ category: 'punctuality', owner: ownerId });
    const t = await Ticket.findById(complaint._id).lean();
    expect(t!.timeline.map((e) => e.event)).toEqual(
      expect.arrayContaining(['category', 'rootCause', 'correctiveAction', 'owner']),
    );
  });

  it('moves review states only along the allowed path', async () => {
    const suggestion = await makeTicket(null, { type: 'suggestion' });
    const skip = await patch(suggestion, { reviewState: 'implemented' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.details).toEqual({ from: 'new', allowed: ['under-review'] });
    for (const state of ['under-review', 'accepted', 'implemented']) {
      const step = await patch(suggestion, { reviewState: state, note: `to ${state}` });
      expect(step.status).toBe(200);
      expect(step.body.reviewState).toBe(state);
    }
    const t = await Ticket.findById(suggestion._id).lean();
    expect(t!.timeline.filter((e) => e.event === 'review').map((e) => e.to)).toEqual([
      'under-review',
      'accepted',
      'implemented',
    ]);
  });

  it('rejects bad input and tickets of other types', async () => {
    const criticism = await makeTicket(null, { type: 'criticism' });
    expect((await patch(criticism, {})).status).toBe(400);
    expect((await patch(criticism, { reviewState: 'done' })).status).toBe(400);
    expect((await patch(criticism, { colour: 'red' })).status).toBe(400);
    const unknownOwner = await patch(criticism, { owner: '0123456789abcdef01234567' });
    expect(unknownOwner.status).toBe(422);
    const question = await makeTicket(null, { type: 'question' });
    const wrong = await patch(question, { category: 'x' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('not_feedback');
  });

  it('lists them for management, filtered, including tickets never opened here', async () => {
    const fresh = await makeTicket(null, { type: 'criticism', subject: 'Rude call' });
    const list = await manager.agent.get('/api/feedback?type=criticism&reviewState=new');
    expect(list.status).toBe(200);
    const labels = list.body.items.map((i: { label: string }) => i.label);
    expect(labels).toContain(`T-${fresh.number}`);
    expect(list.body.items.every((i: { type: string }) => i.type === 'criticism')).toBe(true);
    const implemented = await manager.agent.get('/api/feedback?reviewState=implemented');
    expect(implemented.body.items).toHaveLength(1);
    expect((await expert.agent.get('/api/feedback')).status).toBe(403);
    expect((await manager.agent.get('/api/feedback?reviewState=maybe')).status).toBe(400);
  });
});
