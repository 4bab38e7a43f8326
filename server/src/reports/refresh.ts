import { config } from '../core/config.js';
import { localDay, localParts } from '../core/dates.js';
import { redis, redisKey } from '../core/redis.js';
import { Callback } from '../callbacks/model.js';
import { Interaction } from '../interactions/model.js';
import { Ticket } from '../tickets/model.js';
import { addDays } from './local-days.js';
import { buildReportDays } from './rollup.js';

const WATERMARK = () => redisKey('reports', 'rollups', 'since');

/**
 * The scheduled refresh: today and yesterday always, plus every day whose tickets, interactions
 * or callbacks changed since the previous run (a ticket resolved today that was opened last week
 * changes last week's cohort). The watermark moves only after the rollups are written.
 */
export async function refreshRollups(now = new Date()): Promise<string[]> {
  const tz = config().DEFAULT_TIMEZONE;
  const stored = await redis().get(WATERMARK());
  const since = stored ? new Date(stored) : new Date(now.getTime() - 2 * 86_400_000);
  const today = localDay(now, tz);
  const days = new Set([today, addDays(today, -1)]);
  const [tickets, interactions, callbacks] = await Promise.all([
    Ticket.find({ updatedAt: { $gte: since } }, { createdDay: 1 }).lean<
      Array<{ createdDay: string | null }>
    >(),
    Interaction.find({ updatedAt: { $gte: since } }, { localDay: 1 }).lean<
      Array<{ localDay: string }>
    >(),
    Callback.find({ updatedAt: { $gte: since } }, { createdAt: 1 }).lean<
      Array<{ createdAt: Date }>
    >(),
  ]);
  for (const t of tickets) if (t.createdDay) days.add(t.createdDay);
  for (const i of interactions) days.add(i.localDay);
  for (const c of callbacks) days.add(localParts(c.createdAt, tz).day);
  const list = [...days].sort();
  await buildReportDays(list, now);
  await redis().set(WATERMARK(), now.toISOString());
  return list;
}
