import { Types } from 'mongoose';
import { smsProvider } from '../channels/sms/channel.js';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { escapeRegex } from '../core/text.js';
import { conflict, notFound } from '../core/errors.js';
import { logger } from '../core/logger.js';
import { mailConfigured, sendSystemMail } from '../core/mail.js';
import { QueueName, enqueue } from '../core/queues.js';
import { recordInteraction } from '../interactions/service.js';
import { Unit } from '../products/model.js';
import { Campaign, type CampaignDoc } from './campaign.model.js';
import { Survey, type SurveyDoc } from './model.js';
import type { Question } from './questions.js';
import type { CreateCampaignBody } from './schema.js';
import { issueSurveyToken } from './tokens.js';
import { surveyLink } from './service.js';

/** Schedules a campaign: a delayed job starts it at its time. */
export async function createCampaign(
  body: CreateCampaignBody,
  actorId: string,
): Promise<CampaignDoc> {
  if (body.channel === 'sms' && !smsProvider())
    throw conflict('channel_off', 'SMS is not configured (Twilio settings)');
  if (body.channel === 'email' && !mailConfigured())
    throw conflict('channel_off', 'Email is not configured (SMTP_URL)');
  const created = await Campaign.create({ ...body, createdBy: actorId });
  const campaign = created.toObject() as CampaignDoc;
  await enqueue(
    QueueName.Surveys,
    { task: 'campaign-start', campaignId: String(campaign._id) },
    {
      jobId: `campaign-start-${String(campaign._id)}`,
      delay: Math.max(0, campaign.scheduledAt.getTime() - Date.now()),
    },
  );
  return campaign;
}

/** The latest campaigns, newest scheduled first (a handful a year: no paging). */
export async function listCampaigns(limit = 100): Promise<CampaignDoc[]> {
  return Campaign.find().sort({ scheduledAt: -1, _id: -1 }).limit(limit).lean<CampaignDoc[]>();
}

export async function getCampaign(id: string): Promise<CampaignDoc> {
  const c = await Campaign.findById(id).lean<CampaignDoc>();
  if (!c) throw notFound('Campaign');
  return c;
}

/** The segment's contacts: customer segment, province, city, owners of a model's units. */
async function recipients(c: CampaignDoc): Promise<Types.ObjectId[]> {
  const filter: Record<string, unknown> = { mergedInto: null };
  if (c.segment?.segment) filter.segment = c.segment.segment;
  if (c.segment?.province)
    filter.province = new RegExp(`^${escapeRegex(c.segment.province)}$`, 'i');
  if (c.segment?.city) filter.city = new RegExp(`^${escapeRegex(c.segment.city)}$`, 'i');
  if (c.segment?.productCode) {
    const owners = await Unit.find(
      { productCode: c.segment.productCode, owner: { $ne: null } },
      { owner: 1 },
    ).lean<Array<{ owner: Types.ObjectId }>>();
    filter._id = { $in: [...new Set(owners.map((u) => String(u.owner)))] };
  }
  const contacts = await Contact.find(filter, { _id: 1 })
    .sort({ _id: 1 })
    .lean<Array<{ _id: Types.ObjectId }>>();
  return contacts.map((x) => x._id);
}

/**
 * Splits the segment into batches, each a job delayed so no more than `perMinute` surveys go out
 * per minute (the rate limit lives in the schedule, so restarts keep it).
 */
export async function startCampaign(campaignId: string): Promise<number> {
  const c = await Campaign.findOneAndUpdate(
    { _id: campaignId, status: 'scheduled' },
    { $set: { status: 'sending' } },
    { new: true },
  ).lean<CampaignDoc>();
  if (!c) return 0;
  const ids = await recipients(c);
  await Campaign.updateOne({ _id: c._id }, { $set: { targeted: ids.length } });
  const batchMs = Math.ceil((c.batchSize / c.perMinute) * 60_000);
  for (let i = 0, n = 0; i < ids.length; i += c.batchSize, n++) {
    await enqueue(
      QueueName.Surveys,
      {
        task: 'campaign-batch',
        campaignId,
        contactIds: ids.slice(i, i + c.batchSize).map(String),
      },
      { jobId: `campaign-${campaignId}-batch-${n}`, delay: n * batchMs },
    );
  }
  if (!ids.length) await Campaign.updateOne({ _id: c._id }, { $set: { status: 'sent' } });
  return ids.length;
}

function invitation(c: CampaignDoc, contact: ContactDoc, link: string): string {
  return contact.locale === 'en'
    ? `${c.name}: please tell us what you think (2 minutes): ${link}`
    : `${c.name}: لطفاً نظرتان را به ما بگویید (۲ دقیقه): ${link}`;
}

/** One batch: a survey per contact (once per campaign), sent by SMS or system mail. */
export async function sendCampaignBatch(campaignId: string, contactIds: string[]): Promise<void> {
  const c = await getCampaign(campaignId);
  if (c.status === 'canceled') return;
  const already = new Set(
    (
      await Survey.find({ campaign: c._id, contact: { $in: contactIds } }, { contact: 1 }).lean<
        SurveyDoc[]
      >()
    ).map((s) => String(s.contact)),
  );
  for (const contact of await Contact.find({ _id: { $in: contactIds } }).lean<ContactDoc[]>()) {
    if (already.has(String(contact._id))) continue;
    const to =
      c.channel === 'sms' ? contact.phones.find((p) => !p.optedOut)?.number : contact.emails[0];
    if (!to) {
      await Campaign.updateOne({ _id: c._id }, { $inc: { skipped: 1 } });
      continue;
    }
    await sendOne(c, contact, to);
  }
  const fresh = await getCampaign(campaignId);
  if (fresh.sent + fresh.skipped >= fresh.targeted)
    await Campaign.updateOne({ _id: c._id, status: 'sending' }, { $set: { status: 'sent' } });
}

async function sendOne(c: CampaignDoc, contact: ContactDoc, to: string): Promise<void> {
  const id = new Types.ObjectId();
  const { token, tokenHash, expiresAt } = issueSurveyToken(String(id));
  await Survey.create({
    _id: id,
    kind: 'campaign',
    contact: contact._id,
    campaign: c._id,
    channel: c.channel,
    tokenHash,
    expiresAt,
  });
  let externalId: string;
  try {
    externalId = await deliver(
      c.channel as 'sms' | 'email',
      to,
      c.name,
      invitation(c, contact, surveyLink(token)),
    );
  } catch (err) {
    await Survey.deleteOne({ _id: id }); // the batch job retries this contact with a fresh link
    logger.warn({ campaign: String(c._id), err: (err as Error).message }, 'campaign send failed');
    throw err;
  }
  await Survey.updateOne({ _id: id }, { $set: { sentAt: new Date() } });
  await Campaign.updateOne({ _id: c._id }, { $inc: { sent: 1 } });
  await recordInteraction({
    channel: c.channel,
    direction: 'out',
    caller: { kind: c.channel === 'sms' ? 'phone' : 'email', value: to },
    contact: contact._id,
    outcome: 'sent',
    externalId,
    note: `survey campaign: ${c.name}`,
  });
}

async function deliver(channel: 'sms' | 'email', to: string, subject: string, text: string) {
  if (channel === 'email') return (await sendSystemMail({ to, subject, text })).messageId;
  const provider = smsProvider();
  const from = provider?.settings.numbers[0];
  if (!provider || !from) throw conflict('channel_off', 'SMS is not configured (Twilio settings)');
  return (await provider.send({ from, to, body: text })).sid;
}

type Distribution = Record<string, number>;

/** Per question: answer count and distribution; rating/NPS also the average, NPS the score. */
export async function campaignResults(campaignId: string) {
  const c = await getCampaign(campaignId);
  const surveys = await Survey.find(
    { campaign: c._id, answeredAt: { $ne: null } },
    { answers: 1 },
  ).lean<SurveyDoc[]>();
  const questions = c.questions as Question[];
  return {
    campaign: String(c._id),
    name: c.name,
    status: c.status,
    targeted: c.targeted,
    sent: c.sent,
    skipped: c.skipped,
    answered: surveys.length,
    questions: questions.map((q) => {
      const values = surveys.flatMap((s) =>
        s.answers.filter((a) => a.question === q.id).map((a) => a.value as string | number),
      );
      const distribution: Distribution = {};
      for (const v of values) distribution[String(v)] = (distribution[String(v)] ?? 0) + 1;
      const base = { id: q.id, kind: q.kind, text: q.text, answers: values.length };
      if (q.kind === 'text') return { ...base, latest: values.slice(-20) };
      if (q.kind === 'choice') return { ...base, distribution };
      const numbers = values.filter((v): v is number => typeof v === 'number');
      const average = numbers.length
        ? Math.round((numbers.reduce((s, n) => s + n, 0) / numbers.length) * 100) / 100
        : null;
      if (q.kind === 'rating') return { ...base, distribution, average };
      const promoters = numbers.filter((n) => n >= 9).length;
      const detractors = numbers.filter((n) => n <= 6).length;
      const nps = numbers.length
        ? Math.round(((promoters - detractors) / numbers.length) * 1000) / 10
        : null;
      return { ...base, distribution, average, nps };
    }),
  };
}
