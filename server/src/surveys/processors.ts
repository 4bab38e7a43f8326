import { QueueName, startWorker } from '../core/queues.js';
import { sendCampaignBatch, startCampaign } from './campaigns.js';
import { sendResolutionSurvey } from './service.js';

export function startSurveyProcessors(): QueueName[] {
  startWorker(QueueName.Surveys, async (job) => {
    const data = job.data;
    if (data.task === 'campaign-start') return startCampaign(data.campaignId);
    if (data.task === 'campaign-batch') return sendCampaignBatch(data.campaignId, data.contactIds);
    const result = await sendResolutionSurvey(data.ticketId);
    return 'skipped' in result ? result.skipped : String(result.sent._id);
  });
  return [QueueName.Surveys];
}
