import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

const id = 'f'.repeat(24);

describe('routes', () => {
  it('round-trip', () => {
    for (const route of [
      { screen: 'board' as const },
      { screen: 'admin' as const, section: 'groups' as const },
      { screen: 'inbox' as const, view: 'queue' as const, ticketId: null },
      { screen: 'inbox' as const, view: 'mine' as const, ticketId: id },
    ]) {
      expect(parseRoute(formatRoute(route), 'mine')).toEqual(route);
    }
  });

  it('fall back on unknown views and ignore malformed ids', () => {
    expect(parseRoute('#/admin/nope', 'mine')).toEqual({ screen: 'admin', section: 'experts' });
    expect(parseRoute('', 'queue')).toEqual({ screen: 'inbox', view: 'queue', ticketId: null });
    expect(parseRoute('#/inbox/nope/123', 'mine')).toEqual({
      screen: 'inbox',
      view: 'mine',
      ticketId: null,
    });
  });
});
