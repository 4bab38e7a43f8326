import { QueueName, startWorker } from '../core/queues.js';
import { sendResolutionSurvey } from './service.js';

export function startSurveyProcessors(): QueueName[] {
  startWorker(QueueName.Surveys, async (job) => {
    const result = await sendResolutionSurvey(job.data.ticketId);
    return 'skipped' in result ? result.skipped : String(result.sent._id);
  });
  return [QueueName.Surveys];
}
