import { Types } from 'mongoose';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { config } from '../core/config.js';
import { notFound, unprocessable } from '../core/errors.js';
import { lockKey, withLocks } from '../core/locks.js';
import { logger } from '../core/logger.js';
import { QueueName, enqueue } from '../core/queues.js';
import { recordInteraction } from '../interactions/service.js';
import { customerChannel, sendToCustomer } from '../notifications/customer-message.js';
import { Ticket, ticketNumberLabel, type TicketDoc } from '../tickets/model.js';
import { CUSTOMER, ticketLock, timelineEntry } from '../tickets/timeline.js';
import { Campaign, type CampaignDoc } from './campaign.model.js';
import { Survey, type SurveyDoc } from './model.js';
import {
  COMPLAINT_CHECK_QUESTIONS,
  CSAT_QUESTIONS,
  checkAnswers,
  type AnswerValue,
  type Question,
} from './questions.js';
import {
  issueSurveyToken,
  surveyAnswered,
  surveyExpired,
  surveyIdFromToken,
  tokenHash,
} from './tokens.js';

const SURVEY_CHANNELS = ['sms', 'email'] as const;
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Called when a ticket is resolved: the survey job decides whether one is due. */
export async function scheduleResolutionSurvey(ticket: TicketDoc): Promise<void> {
  await enqueue(
    QueueName.Surveys,
    { task: 'after-resolution', ticketId: String(ticket._id) },
    { jobId: `survey-${String(ticket._id)}-${ticket.resolvedAt?.getTime() ?? Date.now()}` },
  );
}

export type SkipReason =
  'not-resolved' | 'webchat-asks-in-chat' | 'already-sent' | 'csat-this-week' | 'unreachable';

/**
 * CSAT after a resolved ticket (complaints get the complaint satisfaction check instead): by SMS or
 * email with a single-use link; web chat asks in the widget; CSAT at most once per contact a week.
 */
export async function sendResolutionSurvey(
  ticketId: string,
): Promise<{ sent: SurveyDoc } | { skipped: SkipReason }> {
  const ticket = await Ticket.findById(ticketId).lean<TicketDoc>();
  if (!ticket || ticket.status !== 'resolved') return { skipped: 'not-resolved' };
  const kind = ticket.type === 'complaint' ? 'complaint-check' : 'csat';
  if (kind === 'csat' && ticket.channel === 'webchat') return { skipped: 'webchat-asks-in-chat' };
  const contact = await Contact.findById(ticket.contact).lean<ContactDoc>();
  if (!contact) return { skipped: 'unreachable' };
  const adapter = await customerChannel(contact, ticket, SURVEY_CHANNELS);
  if (!adapter) return { skipped: 'unreachable' };

  return withLocks([lockKey('survey-contact', String(contact._id))], async () => {
    if (await Survey.exists({ ticket: ticket._id, kind }))
      return { skipped: 'already-sent' as const };
    if (
      kind === 'csat' &&
      (await Survey.exists({
        contact: contact._id,
        kind: 'csat',
        createdAt: { $gte: new Date(Date.now() - WEEK_MS) },
      }))
    )
      return { skipped: 'csat-this-week' as const };
    const id = new Types.ObjectId();
    const { token, tokenHash: hash, expiresAt } = issueSurveyToken(String(id));
    const survey = await Survey.create({
      _id: id,
      kind,
      contact: contact._id,
      ticket: ticket._id,
      channel: adapter.channel,
      tokenHash: hash,
      expiresAt,
    });
    try {
      await sendToCustomer({
        ticket,
        contact,
        text: surveyInvitation(kind, ticket, contact, surveyLink(token)),
        author: null,
        channels: [adapter.channel],
      });
    } catch (err) {
      await Survey.deleteOne({ _id: id }); // the job retries with a fresh link
      throw err;
    }
    const sent = await Survey.findByIdAndUpdate(
      id,
      { $set: { sentAt: new Date() } },
      { new: true },
    ).lean<SurveyDoc>();
    logger.info({ survey: String(survey._id), kind, ticket: ticketId }, 'survey sent');
    return { sent: sent! };
  });
}

export const surveyLink = (token: string): string =>
  `${config().PUBLIC_URL.replace(/\/$/, '')}/support/survey/${encodeURIComponent(token)}`;

function surveyInvitation(
  kind: 'csat' | 'complaint-check',
  ticket: TicketDoc,
  contact: ContactDoc,
  link: string,
): string {
  const label = ticketNumberLabel(ticket.number);
  if (contact.locale === 'en')
    return kind === 'csat'
      ? `Your request ${label} was resolved. How did we do? ${link}`
      : `Your complaint ${label} was handled. Was it resolved to your satisfaction? ${link}`;
  return kind === 'csat'
    ? `درخواست ${label} شما انجام شد. از خدمات ما راضی بودید؟ ${link}`
    : `به شکایت ${label} شما رسیدگی شد. آیا مشکل برطرف شد؟ ${link}`;
}

export async function questionsOf(
  survey: Pick<SurveyDoc, 'kind' | 'campaign'>,
): Promise<Question[]> {
  if (survey.kind === 'campaign') {
    const campaign = await Campaign.findById(survey.campaign, { questions: 1 }).lean<CampaignDoc>();
    if (!campaign) throw notFound('Survey');
    return campaign.questions as Question[];
  }
  return survey.kind === 'complaint-check' ? COMPLAINT_CHECK_QUESTIONS : CSAT_QUESTIONS;
}

/** The survey behind a link, if the link is genuine, unexpired and unused. */
export async function surveyByToken(token: string): Promise<SurveyDoc> {
  const id = surveyIdFromToken(token);
  if (!Types.ObjectId.isValid(id)) throw notFound('Survey');
  const survey = await Survey.findById(id).lean<SurveyDoc>();
  if (!survey || survey.tokenHash !== tokenHash(token)) throw notFound('Survey');
  if (survey.answeredAt) throw surveyAnswered();
  if (survey.expiresAt.getTime() <= Date.now()) throw surveyExpired();
  return survey;
}

/** Stores the answers once; a CSAT or complaint check also rates the ticket and logs the answer. */
export async function answerSurvey(
  token: string,
  answers: Record<string, AnswerValue>,
): Promise<SurveyDoc> {
  const { _id } = await surveyByToken(token);
  const saved = await withLocks([lockKey('survey', String(_id))], async () => {
    const survey = await surveyByToken(token);
    const checked = checkAnswers(await questionsOf(survey), answers);
    if (!checked.ok)
      throw unprocessable(
        'invalid_answers',
        'Some answers are missing or invalid',
        checked.problems,
      );
    const score = checked.answers.find((a) => a.question === 'score')?.value;
    const comment = checked.answers.find((a) => a.question === 'comment')?.value;
    return (await Survey.findByIdAndUpdate(
      _id,
      {
        $set: {
          answeredAt: new Date(),
          answers: checked.answers,
          score: typeof score === 'number' ? score : null,
          comment: typeof comment === 'string' && comment ? comment : null,
        },
      },
      { new: true },
    ).lean<SurveyDoc>())!;
  });
  if (saved.ticket && saved.score != null) await rateTicket(saved);
  return saved;
}

async function rateTicket(survey: SurveyDoc): Promise<void> {
  const at = survey.answeredAt!;
  const ticket = await withLocks([ticketLock(survey.ticket)], () =>
    Ticket.findByIdAndUpdate(
      survey.ticket,
      {
        $set: { satisfaction: { score: survey.score, comment: survey.comment ?? null, at } },
        $push: {
          timeline: timelineEntry('rated', CUSTOMER, {
            to: String(survey.score),
            note: survey.kind === 'complaint-check' ? 'complaint satisfaction check' : 'survey',
          }),
        },
      },
      { new: true },
    ).lean<TicketDoc>(),
  );
  if (!ticket) return;
  await recordInteraction({
    channel: survey.channel,
    direction: 'in',
    caller: { kind: 'visitor', value: `survey:${String(survey._id)}` },
    contact: survey.contact,
    expert: ticket.assignee ?? null,
    ticket: ticket._id,
    group: ticket.group ?? null,
    startedAt: at,
    endedAt: at,
    outcome: 'completed',
    note: `${survey.kind} ${survey.score}/5${survey.comment ? `: ${survey.comment}` : ''}`,
  });
}
