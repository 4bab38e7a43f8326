import { z } from 'zod';
import { objectId, pageQuery, sortParam } from '../core/http/pagination.js';
import { serial } from '../products/schema.js';
import { CHANNELS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from './model.js';

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const listTicketsQuery = z.strictObject({
  ...pageQuery,
  status: csvOf(TICKET_STATUSES).optional(),
  group: z
    .string()
    .max(25 * 20)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(objectId).min(1).max(20))
    .optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), objectId]).optional(),
  channel: csvOf(CHANNELS).optional(),
  type: csvOf(TICKET_TYPES).optional(),
  priority: csvOf(PRIORITIES).optional(),
  contact: objectId.optional(),
  serial: serial.optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  updatedFrom: isoDate.optional(),
  updatedTo: isoDate.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  /** Only running tickets whose next SLA deadline is within SLA_RISK_MINUTES or past. */
  sla: z.literal('risk').optional(),
  sort: sortParam(['updatedAt', 'createdAt', 'queuedAt', 'number'], '-updatedAt'),
});

export const createTicketBody = z.strictObject({
  contactId: objectId,
  subject: z.string().trim().min(1).max(200),
  text: z.string().trim().max(10_000).optional(),
  type: z.enum(TICKET_TYPES).default('question'),
  priority: z.enum(PRIORITIES).default('normal'),
  groupId: objectId.optional(),
  serial: serial.optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});

export const updateTicketBody = z
  .strictObject({
    status: z.enum(['pending', 'resolved', 'closed', 'open']),
    statusNote: z.string().max(1000),
    priority: z.enum(PRIORITIES),
    type: z.enum(TICKET_TYPES),
    subject: z.string().trim().min(1).max(200),
    tags: z.array(z.string().trim().min(1).max(40)).max(20),
    faultCode: z.string().trim().max(20).nullable(),
    serial: serial.nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const assignBody = z.strictObject({ expertId: z.union([z.literal('me'), objectId]) });
export const transferBody = z
  .strictObject({
    groupId: objectId.optional(),
    expertId: objectId.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.groupId || b.expertId, 'give a groupId, an expertId or both');
export const mergeBody = z.strictObject({ sourceTicketId: objectId });
/** Files uploaded first with POST /tickets/:id/attachments, sent with the message. */
const attachmentIds = z.array(objectId).max(10).default([]);
const textOrFiles = (b: { text: string; attachments: string[] }) =>
  b.text.length > 0 || b.attachments.length > 0;
export const noteBody = z
  .strictObject({
    text: z.string().trim().max(10_000).default(''),
    mentions: z.array(objectId).max(20).default([]),
    attachments: attachmentIds,
  })
  .refine(textOrFiles, 'write some text or attach a file');
export const replyBody = z
  .strictObject({
    text: z.string().trim().max(10_000).default(''),
    channel: z.enum(['webchat', 'sms', 'email', 'voice']).optional(),
    attachments: attachmentIds,
  })
  .refine(textOrFiles, 'write some text or attach a file');
export const idParams = z.strictObject({ id: objectId });
