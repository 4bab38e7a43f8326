import { config } from '../core/config.js';
import { QueueName, repeatJob, startWorker } from '../core/queues.js';
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
  repeatJob(
    QueueName.Reports,
    'refresh-rollups',
    { every: cfg.REPORTS_REFRESH_MINUTES * 60_000 },
    { task: 'refresh-rollups' },
  );
  repeatJob(
    QueueName.Reports,
    'weekly-summary',
    { pattern: cfg.REPORTS_WEEKLY_CRON, tz: cfg.DEFAULT_TIMEZONE },
    { task: 'weekly-summary' },
  );
  return [QueueName.Reports];
}
