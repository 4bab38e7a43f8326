import { ticketNumberLabel } from '../tickets/model.js';
import { NEXT_REVIEW_STATES, type FeedbackDoc, type ReviewState } from './model.js';

export function presentFeedback(f: FeedbackDoc) {
  const state = f.reviewState as ReviewState;
  return {
    ticket: String(f._id),
    label: ticketNumberLabel(f.ticketNumber),
    type: f.type,
    subject: f.subject,
    contact: String(f.contact),
    category: f.category,
    rootCause: f.rootCause,
    correctiveAction: f.correctiveAction,
    owner: f.owner ? String(f.owner) : null,
    reviewState: state,
    nextReviewStates: [...NEXT_REVIEW_STATES[state]],
    reviewedAt: f.reviewedAt ? f.reviewedAt.toISOString() : null,
    createdAt: f.ticketCreatedAt.toISOString(),
  };
}
