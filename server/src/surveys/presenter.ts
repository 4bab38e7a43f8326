import type { CampaignDoc } from './campaign.model.js';
import type { SurveyDoc } from './model.js';
import { questionsOf } from './service.js';

/** What the public survey page shows: the questions, never who or which ticket. */
export async function presentPublicSurvey(s: SurveyDoc) {
  return {
    kind: s.kind,
    expiresAt: s.expiresAt.toISOString(),
    questions: await questionsOf(s),
  };
}

export const presentCampaign = (c: CampaignDoc) => ({
  id: String(c._id),
  name: c.name,
  segment: c.segment,
  questions: c.questions,
  channel: c.channel,
  scheduledAt: c.scheduledAt.toISOString(),
  batchSize: c.batchSize,
  perMinute: c.perMinute,
  status: c.status,
  targeted: c.targeted,
  sent: c.sent,
  skipped: c.skipped,
});
