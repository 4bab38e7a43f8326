import { io as connect, type Socket } from 'socket.io-client';
import type { TicketSummary } from '@cc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeExpert, makeGroup, makeTicket, userById } from '../../test/factories.js';
import { Ticket } from './model.js';

let app: TestApp;
let supervisor: SignedIn;
let socket: Socket;

beforeAll(async () => {
  app = await startTestApp();
  supervisor = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  socket = connect(`${app.url}/staff`, {
    extraHeaders: { cookie: supervisor.cookie },
    transports: ['websocket'],
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
});
afterAll(async () => {
  socket.disconnect();
  await app.close();
});

const presence = (who: SignedIn, status: string) =>
  who.agent
    .put('/api/users/me/presence')
    .set('X-CSRF-Token', who.csrf)
    .send({ status })
    .expect(200);

describe('requeue one ticket', () => {
  it('takes a held ticket from its expert, frees the place, and tells the consoles', async () => {
    const group = await makeGroup();
    const user = await makeExpert([group], { online: true, maxConcurrent: 2 });
    const expert = await signIn(app, user);
    const ticket = await makeTicket(group, { subject: 'held' });
    expect(String((await Ticket.findById(ticket._id))?.assignee)).toBe(String(user._id));
    await presence(expert, 'away');

    const updates: TicketSummary[] = [];
    socket.on('ticket:updated', (t: TicketSummary) => updates.push(t));
    const forbidden = await expert.agent
      .post(`/api/tickets/${ticket._id}/requeue`)
      .set('X-CSRF-Token', expert.csrf);
    expect(forbidden.status).toBe(403);

    const done = await supervisor.agent
      .post(`/api/tickets/${ticket._id}/requeue`)
      .set('X-CSRF-Token', supervisor.csrf)
      .expect(200);
    expect(done.body).toMatchObject({ status: 'queued', assignee: null });
    expect((await userById(user._id))?.activeCount).toBe(0);
    await expect
      .poll(() => updates.some((t) => t.id === String(ticket._id) && t.assignee === null))
      .toBe(true);
    const counts = await expert.agent.get('/api/tickets/counts').expect(200);
    expect(counts.body).toMatchObject({ mine: 0, queue: 1, unassigned: 1 });

    // Only a held ticket can be requeued.
    const again = await supervisor.agent
      .post(`/api/tickets/${ticket._id}/requeue`)
      .set('X-CSRF-Token', supervisor.csrf);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });
});
