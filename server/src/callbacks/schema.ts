import { z } from 'zod';
import { objectId } from '../core/http/pagination.js';
import { phoneSchema } from '../core/phone.js';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const ticketParams = z.strictObject({ id: objectId });

export const createCallbackBody = z
  .strictObject({
    contactId: objectId.optional(),
    phone: phoneSchema,
    windowStart: instant.optional(),
    windowEnd: instant.optional(),
    subject: z.string().trim().min(1).max(200).optional(),
    groupId: objectId.optional(),
  })
  .refine((v) => !v.windowStart || !v.windowEnd || v.windowStart <= v.windowEnd, {
    message: 'the window must end after it starts',
    path: ['windowEnd'],
  });
