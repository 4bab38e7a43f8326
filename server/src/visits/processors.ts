import { QueueName, startWorker } from '../core/queues.js';
import { sendVisitReminder } from './service.js';

export function startVisitProcessors(): QueueName[] {
  startWorker(QueueName.VisitReminders, (job) =>
    sendVisitReminder(job.data.visitId, job.data.plannedAt),
  );
  return [QueueName.VisitReminders];
}
