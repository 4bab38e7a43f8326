import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** A widget key: which websites may embed the chat, and where their chats go by default. */
const widgetKeySchema = new Schema(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    /** Exact origins ("https://www.example.com") allowed to open a visitor socket with this key. */
    allowedOrigins: [String],
    defaultTopic: { type: String, default: null },
    /** Used for the "is anyone online" check when routing picks no group. */
    defaultGroup: { type: Schema.Types.ObjectId, ref: 'ExpertGroup', default: null },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
widgetKeySchema.index({ key: 1 }, { unique: true });

export type WidgetKeyDoc = InferSchemaType<typeof widgetKeySchema> & { _id: Types.ObjectId };
export const WidgetKey = mongoose.model('WidgetKey', widgetKeySchema);

/**
 * One chat started from the widget: ties a visitor (token identity) to the ticket it opened.
 * A visitor may read and write only tickets listed here for their visitor id.
 */
const webchatSessionSchema = new Schema(
  {
    visitorId: { type: String, required: true },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    widgetKey: { type: String, required: true },
    kind: { type: String, enum: ['chat', 'offline-message', 'callback'], default: 'chat' },
    /** The identities given in the pre-chat form, so later messages resolve the same contact. */
    hints: {
      name: { type: String, default: '' },
      phone: { type: String, default: null },
      email: { type: String, default: null },
    },
    topic: { type: String, default: null },
    /** The session's interaction in the contact log (externalId). */
    interactionId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    /** Read receipts: the last message each side has seen. */
    visitorReadUpTo: { type: Schema.Types.ObjectId, default: null },
    staffReadUpTo: { type: Schema.Types.ObjectId, default: null },
    /** Set by `ContactCentre.setUser` with a valid signature from the host's server. */
    verifiedUser: { type: Boolean, default: false },
  },
  { timestamps: true },
);
webchatSessionSchema.index({ visitorId: 1, startedAt: -1 });
webchatSessionSchema.index({ ticket: 1 });

export type WebchatSessionDoc = InferSchemaType<typeof webchatSessionSchema> & {
  _id: Types.ObjectId;
};
export const WebchatSession = mongoose.model('WebchatSession', webchatSessionSchema);
