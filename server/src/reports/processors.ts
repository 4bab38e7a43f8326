import { config } from '../core/config.js';
import { QueueName, queue, startWorker } from '../core/queues.js';
import { refreshRollups } from './refresh.js';
import { sendWeeklySummary } from './weekly.js';

/** Worker registration of the reports module: rollup refresh and the weekly summary email. */
export function startReportProcessors(): QueueName[] {
  const cfg = config();
  startWorker(
    QueueName.Reports,
    async (job) => {
      if (job.data.task === 'weekly-summary')
        return (await sendWeeklySummary()) ? 'sent' : 'not sent';
      return `rebuilt ${(await refreshRollups()).length} days`;
    },
    1,
  );
  void queue(QueueName.Reports).upsertJobScheduler(
    'refresh-rollups',
    { every: cfg.REPORTS_REFRESH_MINUTES * 60_000 },
    { name: 'refresh-rollups', data: { task: 'refresh-rollups' } },
  );
  void queue(QueueName.Reports).upsertJobScheduler(
    'weekly-summary',
    { pattern: cfg.REPORTS_WEEKLY_CRON, tz: cfg.DEFAULT_TIMEZONE },
    { name: 'weekly-summary', data: { task: 'weekly-summary' } },
  );
  return [QueueName.Reports];
}
