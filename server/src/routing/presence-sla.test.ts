import type { Job } from 'bullmq';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { makeExpert, makeGroup, makeTicket, userById } from '../../test/factories.js';
import type { JobPayloads, QueueName } from '../core/queues.js';
import { processSlaJob } from '../sla/service.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { getTicket } from '../tickets/service.js';
import { expirePresence } from './presence.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ PRESENCE_GRACE_SECONDS: '5' });
});
afterAll(() => app.close());

describe('presence', () => {
  it('sets an expert offline once all their sockets are gone, not while one is connected', async () => {
    const g = await makeGroup();
    const expert = await makeExpert([g], { online: true });
    const { cookie } = await signIn(app, expert);
    const socket = connect(`${app.url}/staff`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      forceNew: true,
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    expect(await expirePresence(String(expert._id))).toBe(false);
    socket.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    expect(await expirePresence(String(expert._id))).toBe(true);
    expect((await userById(expert._id))!.presence).toBe('offline');
  });

  it('lets a supervisor requeue every open ticket of an expert in one action', async () => {
    const g = await makeGroup({ defaultMaxConcurrent: 3 });
    const expert = await makeExpert([g], { online: true });
    const tickets = [await makeTicket(g), await makeTicket(g)];
    const supervisor = await signIn(app, await makeUser({ roles: ['supervisor'] }));
    await supervisor.agent
      .put(`/api/users/${expert._id}/presence`)
      .set('X-CSRF-Token', supervisor.csrf)
      .send({ status: 'offline' })
      .expect(200);
    const res = await supervisor.agent
      .post(`/api/users/${expert._id}/requeue`)
      .set('X-CSRF-Token', supervisor.csrf)
      .send();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ moved: 2 });
    for (const t of tickets) {
      const after = await getTicket(t._id);
      expect(after).toMatchObject({ status: 'queued', assignee: null });
      expect(after.timeline.map((e) => e.event)).toContain('requeued');
    }
    expect((await userById(expert._id))!.activeCount).toBe(0);
    const colleague = await makeExpert([g], { online: true });
    expect(String((await getTicket(tickets[0]!._id)).assignee)).toBe(String(colleague._id));
  });

  it('gives waiting tickets at once when an admin raises an expert’s capacity', async () => {
    const g = await makeGroup({ defaultMaxConcurrent: 1 });
    const expert = await makeExpert([g], { online: true });
    await makeTicket(g);
    const waiting = await makeTicket(g);
    expect(waiting.status).toBe('queued');
    const admin = await signIn(app, await makeUser({ roles: ['admin'] }));
    await admin.agent
      .patch(`/api/users/${expert._id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ maxConcurrent: 2 })
      .expect(200);
    expect(String((await getTicket(waiting._id)).assignee)).toBe(String(expert._id));
  });
});

describe('SLA jobs', () => {
  const job = (data: JobPayloads[QueueName.Sla]) => ({ data }) as Job<JobPayloads[QueueName.Sla]>;

  it('on a first-response breach raises the priority and writes the timeline; a met or moved target does nothing', async () => {
    const g = await makeGroup();
    const t = await makeTicket(g, { priority: 'normal' });
    const stored = (await Ticket.findById(t._id).lean<TicketDoc>())!;
    const dueAt = stored.sla!.firstResponseDueAt!.toISOString();

    expect(
      await processSlaJob(
        job({
          ticketId: String(t._id),
          kind: 'firstResponse',
          stage: 'breach',
          dueAt: '2020-01-01T00:00:00.000Z',
        }),
      ),
    ).toBe('met or moved');
    expect(
      await processSlaJob(
        job({ ticketId: String(t._id), kind: 'firstResponse', stage: 'warning', dueAt }),
      ),
    ).toBe('warning');
    expect((await getTicket(t._id)).priority).toBe('normal');

    expect(
      await processSlaJob(
        job({ ticketId: String(t._id), kind: 'firstResponse', stage: 'breach', dueAt }),
      ),
    ).toBe('breach');
    const breached = await getTicket(t._id);
    expect(breached.priority).toBe('high');
    expect(breached.sla!.firstResponseBreached).toBe(true);
    expect(breached.timeline.at(-1)).toMatchObject({
      event: 'sla-firstResponse-breached',
      from: 'normal',
      to: 'high',
    });

    await Ticket.updateOne({ _id: t._id }, { $set: { firstResponseAt: new Date() } });
    const resolutionDue = stored.sla!.resolutionDueAt!.toISOString();
    expect(
      await processSlaJob(
        job({ ticketId: String(t._id), kind: 'firstResponse', stage: 'breach', dueAt }),
      ),
    ).toBe('met or moved');
    expect(
      await processSlaJob(
        job({ ticketId: String(t._id), kind: 'resolution', stage: 'breach', dueAt: resolutionDue }),
      ),
    ).toBe('breach');
    expect((await getTicket(t._id)).priority).toBe('urgent');
  });
});
