import { describe, expect, it } from 'vitest';
import { viewDefinition, viewsFor } from './views';

const group = 'c'.repeat(24);

describe('views', () => {
  it('give experts no "all" view and supervisors without groups no queue view', () => {
    expect(viewsFor({ id: 'x', groups: [group], manager: false })).toEqual([
      'mine',
      'queue',
      'unassigned',
      'pending',
      'resolved',
    ]);
    expect(viewsFor({ id: 'x', groups: [], manager: true })).toEqual([
      'mine',
      'unassigned',
      'pending',
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
});
