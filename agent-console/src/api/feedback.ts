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
