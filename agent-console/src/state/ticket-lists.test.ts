import type { TicketSummary } from '@cc/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_LISTS, makeListsReducer, viewCount, type ListsState } from './ticket-lists';
import type { Viewer } from './views';

const ME = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const MY_GROUP = 'c'.repeat(24);
const OTHER_GROUP = 'd'.repeat(24);
const expert: Viewer = { id: ME, groups: [MY_GROUP], manager: false };

let sequence = 0;
function ticket(fields: Partial<TicketSummary> = {}): TicketSummary {
  sequence += 1;
  const at = new Date(Date.UTC(2025, 0, 1, 0, sequence)).toISOString();
  return {
    id: sequence.toString(16).padStart(24, '0'),
    number: 1000 + sequence,
    label: `T-${1000 + sequence}`,
    subject: 'help',
    channel: 'webchat',
    type: 'question',
    priority: 'normal',
    status: 'queued',
    group: MY_GROUP,
    assignee: null,
    contact: { id: 'e'.repeat(24), name: 'Sara' },
    queuedAt: at,
    lastMessageAt: null,
    firstResponseAt: null,
    sla: {
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstResponseBreached: false,
      resolutionBreached: false,
    },
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

const later = (t: TicketSummary, fields: Partial<TicketSummary>): TicketSummary => ({
  ...t,
  ...fields,
  updatedAt: new Date(Date.parse(t.updatedAt) + 60_000 * 60).toISOString(),
});

const reduce = makeListsReducer(expert);

function loaded(
  view: 'mine' | 'queue',
  items: TicketSummary[],
  nextCursor: string | null = null,
): ListsState {
  return reduce(EMPTY_LISTS, {
    type: 'pageLoaded',
    view,
    page: { items, nextCursor },
    append: false,
  });
}

describe('ticket lists reducer', () => {
  it('adds a new waiting ticket of my group to the end of the queue (oldest first)', () => {
    const first = ticket();
    const state = reduce(loaded('queue', [first]), { type: 'ticketChanged', ticket: ticket() });
    expect(state.views.queue?.ids).toHaveLength(2);
    expect(state.views.queue?.ids[0]).toBe(first.id);
  });

  it('ignores tickets of groups I am not in', () => {
    const state = reduce(loaded('queue', []), {
      type: 'ticketChanged',
      ticket: ticket({ group: OTHER_GROUP }),
    });
    expect(state.views.queue?.ids).toEqual([]);
  });

  it('moves a ticket from the queue to "mine" when it is assigned to me', () => {
    const waiting = ticket();
    let state = loaded('queue', [waiting]);
    state = reduce(state, {
      type: 'pageLoaded',
      view: 'mine',
      page: { items: [], nextCursor: null },
      append: false,
    });
    state = reduce(state, {
      type: 'ticketChanged',
      ticket: later(waiting, { status: 'assigned', assignee: ME }),
    });
    expect(state.views.queue?.ids).toEqual([]);
    expect(state.views.mine?.ids).toEqual([waiting.id]);
  });

  it('drops a ticket from "mine" when it is transferred to someone else', () => {
    const held = ticket({ status: 'assigned', assignee: ME });
    const state = reduce(loaded('mine', [held]), {
      type: 'ticketChanged',
      ticket: later(held, { assignee: OTHER }),
    });
    expect(state.views.mine?.ids).toEqual([]);
  });

  it('puts the most recently updated ticket first in newest-first views', () => {
    const a = ticket({ status: 'assigned', assignee: ME });
    const b = ticket({ status: 'assigned', assignee: ME });
    let state = loaded('mine', [b, a]);
    state = reduce(state, { type: 'ticketChanged', ticket: later(a, { priority: 'high' }) });
    expect(state.views.mine?.ids).toEqual([a.id, b.id]);
  });

  it('leaves a ticket that sorts after the loaded window out while more pages exist', () => {
    const state = reduce(loaded('queue', [ticket()], 'cursor-1'), {
      type: 'ticketChanged',
      ticket: ticket(),
    });
    expect(state.views.queue?.ids).toHaveLength(1);
    expect(viewCount(state.views.queue)).toEqual({ count: 1, more: true });
  });

  it('ignores an event older than what it already has', () => {
    const waiting = ticket();
    const assigned = later(waiting, { status: 'assigned', assignee: ME });
    let state = reduce(loaded('queue', []), { type: 'ticketChanged', ticket: assigned });
    state = reduce(state, { type: 'ticketChanged', ticket: waiting });
    expect(state.tickets[waiting.id]?.status).toBe('assigned');
    expect(state.views.queue?.ids).toEqual([]);
  });

  it('appends a further page without duplicates', () => {
    const a = ticket();
    const b = ticket();
    let state = loaded('queue', [a], 'cursor-1');
    state = reduce(state, {
      type: 'pageLoaded',
      view: 'queue',
      page: { items: [a, b], nextCursor: null },
      append: true,
    });
    expect(state.views.queue?.ids).toEqual([a.id, b.id]);
    expect(viewCount(state.views.queue)).toEqual({ count: 2, more: false });
  });

  it('keeps the known tickets while a view reloads, and records a failure', () => {
    const a = ticket();
    let state = reduce(loaded('queue', [a]), { type: 'loading', view: 'queue' });
    expect(viewCount(state.views.queue)).toEqual({ count: 1, more: false });
    state = reduce(state, { type: 'pageFailed', view: 'queue', error: new Error('down') });
    expect(state.views.queue).toMatchObject({ status: 'error', ids: [a.id] });
  });
});
