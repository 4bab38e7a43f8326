import { requestJson, sendJson } from './http';

export const REVIEW_STATES = [
  'new',
  'under-review',
  'accepted',
  'rejected',
  'implemented',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface Feedback {
  ticket: string;
  type: 'complaint' | 'suggestion' | 'criticism';
  category: string;
  rootCause: string;
  correctiveAction: string;
  owner: string | null;
  reviewState: ReviewState;
  nextReviewStates: ReviewState[];
}

export type FeedbackChanges = Partial<
  Pick<Feedback, 'category' | 'rootCause' | 'correctiveAction' | 'reviewState'>
>;

export const getFeedback = (ticketId: string) =>
  requestJson<Feedback>(`/api/tickets/${ticketId}/feedback`);

export const updateFeedback = (csrf: string, ticketId: string, changes: FeedbackChanges) =>
  sendJson<Feedback>('PATCH', `/api/tickets/${ticketId}/feedback`, csrf, changes);

export const FEEDBACK_TYPES = ['complaint', 'suggestion', 'criticism'] as const;

/** One row of management's list. */
export interface FeedbackItem extends Omit<Feedback, 'nextReviewStates'> {
  label: string;
  subject: string;
  reviewedAt: string | null;
  createdAt: string;
}

export interface FeedbackFilter {
  type: string;
  reviewState: string;
}

/** Complaints, suggestions and criticisms for management, newest first, a page at a time. */
export function listFeedback(
  filter: FeedbackFilter,
  cursor: string | null,
): Promise<{ items: FeedbackItem[]; nextCursor: string | null }> {
  const query = new URLSearchParams({ limit: '50' });
  if (filter.type) query.set('type', filter.type);
  if (filter.reviewState) query.set('reviewState', filter.reviewState);
  if (cursor) query.set('cursor', cursor);
  return requestJson(`/api/feedback?${query.toString()}`);
}
