import type { TicketViewCounts } from '@cc/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ticketCounts } from '../api/tickets';
import { useRealtime, useSocketEvents } from '../realtime/context';

/** A burst of ticket events (a routing pass, a requeue) asks the server once. */
const SETTLE_MS = 300;
/** Tickets cross into "SLA at risk" as time passes, with no event of their own. */
const CLOCK_REFRESH_MS = 60_000;

/**
 * The nav's per-view counts from GET /api/tickets/counts (Redis counters on the server): fetched
 * on every (re)connection, after ticket events settle, and once a minute for the SLA window.
 */
export function useViewCounts(): TicketViewCounts | null {
  const { generation } = useRealtime();
  const [counts, setCounts] = useState<TicketViewCounts | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const load = useCallback(() => {
    ticketCounts().then(setCounts, () => undefined);
  }, []);
  const loadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(load, SETTLE_MS);
  }, [load]);

  useEffect(() => {
    if (generation === 0) return;
    load();
    const clock = setInterval(load, CLOCK_REFRESH_MS);
    return () => {
      clearInterval(clock);
      clearTimeout(timer.current);
    };
  }, [generation, load]);

  useSocketEvents(
    {
      'ticket:created': loadSoon,
      'ticket:updated': loadSoon,
      'ticket:assigned': loadSoon,
      'ticket:transferred': loadSoon,
      'sla:warning': loadSoon,
      'sla:breach': loadSoon,
    },
    [loadSoon],
  );
  return counts;
}
