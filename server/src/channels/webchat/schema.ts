import { z } from 'zod';
import { objectId } from '../../core/http/pagination.js';
import { phoneSchema } from '../../core/phone.js';

const name = z.string().trim().min(1).max(120);
const email = z.email().max(200);
const topic = z.string().trim().min(1).max(60);
/** Checked separately (webchatSettings().maxMessageChars) to answer with a clear error. */
const text = z.string().trim().min(1).max(100_000);
const ticketId = objectId.optional();

const needsPhoneOrEmail = <T extends { phone?: string; email?: string }>(v: T) =>
  Boolean(v.phone || v.email);
const phoneOrEmail = { message: 'give a phone number or an email', path: ['phone'] };

export const chatStartSchema = z
  .strictObject({
    name,
    phone: phoneSchema.optional(),
    email: email.optional(),
    topic: topic.optional(),
    serial: z.string().trim().min(1).max(60).optional(),
  })
  .refine(needsPhoneOrEmail, phoneOrEmail);

/** Files uploaded first with POST /api/webchat/attachments, sent with the message. */
const MAX_FILES_PER_MESSAGE = 5;

export const messageSendSchema = z
  .strictObject({
    ticketId,
    clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _, up to 64'),
    text: z.string().trim().max(100_000).default(''),
    attachments: z.array(objectId).max(MAX_FILES_PER_MESSAGE).default([]),
  })
  .refine((m) => m.text.length > 0 || m.attachments.length > 0, {
    message: 'write a message or attach a file',
    path: ['text'],
  });

export const historySinceSchema = z.strictObject({
  ticketId,
  afterMessageId: objectId.optional(),
});

export const typingSchema = z.strictObject({ ticketId, typing: z.boolean() });
export const chatEndSchema = z.strictObject({ ticketId });
export const chatRateSchema = z.strictObject({
  ticketId,
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

export const offlineMessageSchema = z
  .strictObject({
    name,
    phone: phoneSchema.optional(),
    email: email.optional(),
    topic: topic.optional(),
    text,
  })
  .refine(needsPhoneOrEmail, phoneOrEmail);

export const callbackRequestSchema = z
  .strictObject({
    name: name.optional(),
    phone: phoneSchema,
    topic: topic.optional(),
    windowStart: z.iso.datetime({ offset: true }).optional(),
    windowEnd: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((v) => !v.windowStart || !v.windowEnd || v.windowStart <= v.windowEnd, {
    message: 'the window must end after it starts',
    path: ['windowEnd'],
  });

export const staffTypingSchema = z.strictObject({ ticketId: objectId, typing: z.boolean() });

export const topicsListSchema = z.strictObject({});
export const serialCheckSchema = z.strictObject({ serial: z.string().trim().min(1).max(60) });
export const messageReadSchema = z.strictObject({ ticketId, messageId: objectId });
export const transcriptRequestSchema = z.strictObject({ ticketId, email: email.optional() });
export const staffReadSchema = z.strictObject({ ticketId: objectId, messageId: objectId });
export const staffPresenceSchema = z.strictObject({ ticketId: objectId });
/** `auth.user` of the handshake (ContactCentre.setUser); anything else there is ignored. */
export const handshakeUserSchema = z.strictObject({
  name: z.string().trim().max(120).optional(),
  email: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(40).optional(),
  signature: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
