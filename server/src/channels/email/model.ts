import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const SECURITY = ['tls', 'starttls', 'none'] as const;
export type Security = (typeof SECURITY)[number];

const serverFields = {
  host: { type: String, required: true },
  port: { type: Number, required: true },
  security: { type: String, enum: SECURITY, required: true },
  user: { type: String, default: '' },
  /** AES-256-GCM ciphertext (credentials.ts); never leaves the server. */
  passwordEnc: { type: String, default: null },
};

const mailboxSchema = new Schema(
  {
    name: { type: String, required: true },
    /** The support address customers write to (lower case); also the routing entry point. */
    address: { type: String, required: true },
    imap: {
      type: new Schema(
        { ...serverFields, folder: { type: String, default: 'INBOX' } },
        { _id: false },
      ),
      required: true,
    },
    smtp: {
      type: new Schema(
        { ...serverFields, fromName: { type: String, default: '' } },
        { _id: false },
      ),
      required: true,
    },
    group: { type: Schema.Types.ObjectId, ref: 'ExpertGroup', default: null },
    acknowledge: { type: Boolean, default: true },
    signature: { type: String, default: '' },
    active: { type: Boolean, default: true },
    /** Bumped by every settings change, so a running watcher reconnects with the new ones. */
    revision: { type: Number, default: 1 },
    sync: {
      uidValidity: { type: String, default: null },
      lastUid: { type: Number, default: 0 },
    },
    state: {
      connected: { type: Boolean, default: false },
      connectedAt: { type: Date, default: null },
      lastMessageAt: { type: Date, default: null },
      lastError: { type: String, default: null },
      lastErrorAt: { type: Date, default: null },
    },
  },
  { timestamps: true },
);
mailboxSchema.index({ address: 1 }, { unique: true });

export type MailboxDoc = InferSchemaType<typeof mailboxSchema> & { _id: Types.ObjectId };
export const Mailbox = mongoose.model('Mailbox', mailboxSchema);

/**
 * One row per email seen or sent, keyed `<mailbox>:<Message-ID>` (a stable hash when the
 * Message-ID is missing): the exactly-once guard, looked up by _id only.
 */
const emailMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    mailbox: { type: Schema.Types.ObjectId, ref: 'Mailbox', required: true },
    messageId: { type: String, required: true },
    direction: { type: String, enum: ['in', 'out'], required: true },
    kind: {
      type: String,
      enum: ['message', 'auto-reply', 'bounce', 'acknowledgement'],
      required: true,
    },
    uid: { type: Number, default: null },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', default: null },
    message: { type: Schema.Types.ObjectId, ref: 'Message', default: null },
    from: { type: String, default: '' },
    to: [String],
    cc: [String],
    subject: { type: String, default: '' },
    inReplyTo: { type: String, default: null },
    references: [String],
    /** The text split for display; the full original stays on the message. */
    visibleText: { type: String, default: '' },
    quotedText: { type: String, default: '' },
    signature: { type: String, default: '' },
    remoteImages: { type: Number, default: 0 },
  },
  { timestamps: true },
);

export type EmailMessageDoc = InferSchemaType<typeof emailMessageSchema> & { _id: string };
export const EmailMessage = mongoose.model('EmailMessage', emailMessageSchema);

/** Message-ID -> ticket for threading (any mailbox), keyed by the Message-ID itself. */
const emailThreadSchema = new Schema(
  {
    _id: { type: String, required: true },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
    message: { type: Schema.Types.ObjectId, ref: 'Message', default: null },
    direction: { type: String, enum: ['in', 'out'], required: true },
  },
  { timestamps: true },
);

export type EmailThreadDoc = InferSchemaType<typeof emailThreadSchema> & { _id: string };
export const EmailThread = mongoose.model('EmailThread', emailThreadSchema);

export const emailMessageKey = (mailboxId: unknown, messageId: string) =>
  `${String(mailboxId)}:${messageId}`;

/**
 * The ticket id an email will open, chosen before the ticket exists: a crash while opening it
 * leaves the claim, so the retry finds (or finishes) that same ticket instead of a second one.
 */
const emailTicketClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    ticket: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);

export const EmailTicketClaim = mongoose.model('EmailTicketClaim', emailTicketClaimSchema);
