import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const FEEDBACK_TYPES = ['complaint', 'suggestion', 'criticism'] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

export const REVIEW_STATES = [
  'new',
  'under-review',
  'accepted',
  'rejected',
  'implemented',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Where a review may go from each state (seed 29, 34). */
export const NEXT_REVIEW_STATES: Record<ReviewState, readonly ReviewState[]> = {
  new: ['under-review'],
  'under-review': ['accepted', 'rejected'],
  accepted: ['implemented'],
  rejected: ['under-review'],
  implemented: [],
};

/**
 * The management record of a complaint, suggestion or criticism ticket; `_id` is the ticket's id.
 * Ticket fields the list shows (type, number, contact) are copied here, so the list reads one
 * collection.
 */
const feedbackSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, enum: FEEDBACK_TYPES, required: true },
    ticketNumber: { type: Number, required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    subject: { type: String, default: '' },
    ticketCreatedAt: { type: Date, required: true },
    category: { type: String, default: '' },
    rootCause: { type: String, default: '' },
    correctiveAction: { type: String, default: '' },
    owner: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reviewState: { type: String, enum: REVIEW_STATES, default: 'new' },
    reviewedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
feedbackSchema.index({ type: 1, reviewState: 1, ticketCreatedAt: -1 });

export type FeedbackDoc = InferSchemaType<typeof feedbackSchema> & { _id: Types.ObjectId };
export const Feedback = mongoose.model('Feedback', feedbackSchema);
