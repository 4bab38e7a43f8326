import { z } from 'zod';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { OUTCOMES } from './model.js';

/** Channels are free strings in the log (webchat, sms, email, voice, note, visit...): a plain token. */
const channel = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a channel name (lower-case letters, digits, _ and -)');

/** An instant with an explicit zone (Z or ±hh:mm), so "from" means the same thing everywhere. */
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** The filters shared by the list and the CSV export. Every value is a scalar, never an object. */
const filterFields = {
  channel: channel.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  direction: z.enum(['in', 'out']).optional(),
  expert: objectId.optional(),
  contact: objectId.optional(),
  ticket: objectId.optional(),
  group: objectId.optional(),
  /** On startedAt, inclusive. */
  from: isoDate.optional(),
  /** On startedAt, exclusive. */
  to: isoDate.optional(),
};

const rangeInOrder = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from <= q.to;
const rangeMessage = { message: 'from must not be after to', path: ['from'] };

export const listInteractionsQuery = z
  .strictObject({ ...pageQuery, ...filterFields })
  .refine(rangeInOrder, rangeMessage);

export const exportInteractionsQuery = z
  .strictObject(filterFields)
  .refine(rangeInOrder, rangeMessage);

export type InteractionFilterQuery = z.infer<typeof exportInteractionsQuery>;
