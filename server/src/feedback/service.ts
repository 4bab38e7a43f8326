import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, isDuplicateKeyError, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { lockKey, withLocks } from '../core/locks.js';
import { emitTicket } from '../tickets/events.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { getTicket } from '../tickets/service.js';
import { expertActor, ticketLock, timelineEntry } from '../tickets/timeline.js';
import { User } from '../users/model.js';
import {
  FEEDBACK_TYPES,
  Feedback,
  NEXT_REVIEW_STATES,
  type FeedbackDoc,
  type FeedbackType,
  type ReviewState,
} from './model.js';
import type { UpdateFeedbackBody, listFeedbackQuery } from './schema.js';

const isFeedback = (type: string): type is FeedbackType =>
  (FEEDBACK_TYPES as readonly string[]).includes(type);

/** The record of a complaint/suggestion/criticism ticket, made on first use. */
export async function feedbackOf(ticket: TicketDoc): Promise<FeedbackDoc> {
  if (!isFeedback(ticket.type))
    throw unprocessable('not_feedback', 'This ticket is not a complaint, suggestion or criticism');
  const found = await Feedback.findById(ticket._id).lean<FeedbackDoc>();
  if (found && found.type === ticket.type) return found;
  if (found) {
    // The expert changed the ticket's type between kinds of feedback.
    return (await Feedback.findByIdAndUpdate(
      ticket._id,
      { $set: { type: ticket.type } },
      { new: true },
    ).lean<FeedbackDoc>())!;
  }
  try {
    const created = await Feedback.create({
      _id: ticket._id,
      type: ticket.type,
      ticketNumber: ticket.number,
      contact: ticket.contact,
      subject: ticket.subject,
      ticketCreatedAt: ticket.createdAt,
    });
    return created.toObject() as FeedbackDoc;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return (await Feedback.findById(ticket._id).lean<FeedbackDoc>())!;
  }
}

const FIELDS = ['category', 'rootCause', 'correctiveAction', 'owner'] as const;

/** Fields and review state; a state change follows NEXT_REVIEW_STATES and is on the timeline. */
export async function updateFeedback(
  ticketId: string,
  body: UpdateFeedbackBody,
  actorId: string,
): Promise<FeedbackDoc> {
  if (body.owner && !(await User.exists({ _id: body.owner, active: true })))
    throw unprocessable('unknown_user', 'The owner is not an active user');
  const ticket = await getTicket(ticketId);
  await feedbackOf(ticket);
  const updated = await withLocks(
    [lockKey('feedback', ticketId), ticketLock(ticketId)],
    async () => {
      const current = (await Feedback.findById(ticketId).lean<FeedbackDoc>())!;
      const set: Record<string, unknown> = {};
      const entries = [];
      for (const field of FIELDS) {
        if (body[field] === undefined) continue;
        set[field] = body[field];
        const before = current[field];
        entries.push(
          timelineEntry(field, expertActor(actorId), {
            from: before == null ? null : String(before),
            to: body[field] == null ? null : String(body[field]),
          }),
        );
      }
      if (body.reviewState && body.reviewState !== current.reviewState) {
        const from = current.reviewState as ReviewState;
        if (!NEXT_REVIEW_STATES[from].includes(body.reviewState))
          throw conflict('invalid_transition', `A ${from} item cannot become ${body.reviewState}`, {
            from,
            allowed: [...NEXT_REVIEW_STATES[from]],
          });
        set.reviewState = body.reviewState;
        set.reviewedAt = new Date();
        entries.push(
          timelineEntry('review', expertActor(actorId), {
            from,
            to: body.reviewState,
            note: body.note ?? null,
          }),
        );
      }
      if (!entries.length) return current;
      await Ticket.updateOne({ _id: ticketId }, { $push: { timeline: { $each: entries } } });
      return (await Feedback.findByIdAndUpdate(
        ticketId,
        { $set: set },
        { new: true },
      ).lean<FeedbackDoc>())!;
    },
  );
  await audit({
    actor: actorId,
    action: 'feedback.update',
    targetKind: 'ticket',
    targetId: ticketId,
    details: { fields: Object.keys(body) },
  });
  await emitTicket('ticket:updated', await getTicket(ticketId));
  return updated;
}

/**
 * Brings the records in line with the tickets: one per complaint, suggestion or criticism ticket
 * (whatever path created it or changed its type), none for tickets whose type changed away.
 */
export async function syncFeedbackRecords(): Promise<void> {
  const [tickets, records] = await Promise.all([
    Ticket.find(
      { type: { $in: FEEDBACK_TYPES }, mergedInto: null },
      { type: 1, number: 1, contact: 1, subject: 1, createdAt: 1 },
    ).lean<TicketDoc[]>(),
    Feedback.find({}, { type: 1 }).lean<Array<Pick<FeedbackDoc, '_id' | 'type'>>>(),
  ]);
  const known = new Map(records.map((r) => [String(r._id), r.type]));
  const wanted = new Set(tickets.map((t) => String(t._id)));
  for (const t of tickets) {
    const type = known.get(String(t._id));
    if (type === undefined) await feedbackOf(t);
    else if (type !== t.type) await Feedback.updateOne({ _id: t._id }, { $set: { type: t.type } });
  }
  const stale = records.filter((r) => !wanted.has(String(r._id))).map((r) => r._id);
  if (stale.length) await Feedback.deleteMany({ _id: { $in: stale } });
}

/** The management list: newest first, filtered by kind, review state, owner, category. */
export async function listFeedback(q: z.infer<typeof listFeedbackQuery>) {
  await withLocks([lockKey('feedback', 'sync')], syncFeedbackRecords);
  const filter: Record<string, unknown> = {};
  if (q.type) filter.type = { $in: q.type };
  if (q.reviewState) filter.reviewState = { $in: q.reviewState };
  if (q.owner) filter.owner = q.owner;
  if (q.category) filter.category = q.category;
  return paginate<FeedbackDoc>(Feedback, filter, {
    sortField: 'ticketCreatedAt',
    direction: 'desc',
    limit: q.limit,
    cursor: q.cursor,
  });
}
