import { z } from 'zod';
import { objectId } from '../../core/http/pagination.js';
import { SECURITY } from './model.js';

const server = {
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  security: z.enum(SECURITY),
  user: z.string().max(255).default(''),
  /** Write-only: stored encrypted, never returned. Omit on update to keep the stored one. */
  password: z.string().max(1000).optional(),
};

export const imapSettings = z.strictObject({
  ...server,
  folder: z.string().trim().min(1).max(200).default('INBOX'),
});
export const smtpSettings = z.strictObject({
  ...server,
  fromName: z.string().trim().max(200).default(''),
});

export const createMailboxBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  address: z.email().transform((v) => v.toLowerCase()),
  imap: imapSettings,
  smtp: smtpSettings,
  group: objectId.nullable().default(null),
  acknowledge: z.boolean().default(true),
  signature: z.string().max(2000).default(''),
  active: z.boolean().default(true),
});

export const updateMailboxBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  address: z
    .email()
    .transform((v) => v.toLowerCase())
    .optional(),
  imap: imapSettings.partial().optional(),
  smtp: smtpSettings.partial().optional(),
  group: objectId.nullable().optional(),
  acknowledge: z.boolean().optional(),
  signature: z.string().max(2000).optional(),
  active: z.boolean().optional(),
});

export const mailboxIdParams = z.strictObject({ id: objectId });
export const messageIdParams = z.strictObject({ id: objectId });

export type CreateMailbox = z.infer<typeof createMailboxBody>;
export type UpdateMailbox = z.infer<typeof updateMailboxBody>;
