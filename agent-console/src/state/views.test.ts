import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '@cc/shared';
import { slaAtRisk, viewDefinition, viewsFor } from './views';

const group = 'c'.repeat(24);

describe('views', () => {
  it('give experts no "all" view and supervisors without groups no queue view', () => {
    expect(viewsFor({ id: 'x', groups: [group], manager: false })).toEqual([
      'mine',
      'queue',
      'unassigned',
      'pending',
      'callbacks',
      'sla',
      'resolved',
    ]);
    expect(viewsFor({ id: 'x', groups: [], manager: true })).toEqual([
      'mine',
      'unassigned',
      'pending',
      'callbacks',
      'sla',
      'resolved',
      'all',
    ]);
  });

  it('ask the server for waiting tickets of the one group, longest wait first', () => {
    expect(viewDefinition('queue').query({ id: 'x', groups: [group], manager: false })).toEqual({
      status: 'new,queued',
      assignee: 'none',
      sort: 'queuedAt',
      group,
    });
  });

  it('count a running ticket as SLA at risk within 15 minutes of its first deadline', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    const ticket = (
      status: TicketSummary['status'],
      first: string | null,
      resolution: string | null,
      answered = false,
    ) =>
      ({
        status,
        firstResponseAt: answered ? '2026-01-01T09:00:00Z' : null,
        sla: {
          firstResponseDueAt: first,
          resolutionDueAt: resolution,
          firstResponseBreached: false,
          resolutionBreached: false,
        },
      }) as TicketSummary;
    expect(slaAtRisk(ticket('queued', '2026-01-01T10:14:00Z', null), now)).toBe(true);
    expect(slaAtRisk(ticket('queued', '2026-01-01T09:00:00Z', null), now)).toBe(true);
    expect(slaAtRisk(ticket('queued', '2026-01-01T10:16:00Z', null), now)).toBe(false);
    expect(
      slaAtRisk(ticket('assigned', '2026-01-01T10:01:00Z', '2026-01-02T10:00:00Z', true), now),
    ).toBe(false);
    expect(slaAtRisk(ticket('pending', '2026-01-01T09:00:00Z', null), now)).toBe(false);
    expect(slaAtRisk(ticket('assigned', null, null), now)).toBe(false);
  });
});
