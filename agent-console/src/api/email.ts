/** Email channel: mailboxes (admins) and the email side of a timeline message. */
import { request, requestJson, sendJson } from './http';

export type Security = 'tls' | 'starttls' | 'none';

export interface MailServer {
  host: string;
  port: number;
  security: Security;
  user: string;
  hasPassword: boolean;
}

export interface Mailbox {
  id: string;
  name: string;
  address: string;
  imap: MailServer & { folder: string };
  smtp: MailServer & { fromName: string };
  group: string | null;
  acknowledge: boolean;
  signature: string;
  active: boolean;
  state: {
    connected: boolean;
    connectedAt: string | null;
    lastMessageAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
  };
}

interface ServerFields {
  host: string;
  port: number;
  security: Security;
  user: string;
  /** Omitted: the stored password stays. */
  password?: string;
}

export interface MailboxFields {
  name: string;
  address: string;
  imap: ServerFields & { folder: string };
  smtp: ServerFields & { fromName: string };
  group: string | null;
  acknowledge: boolean;
  signature: string;
  active?: boolean;
}

export interface EmailDetails {
  messageId: string;
  direction: 'in' | 'out';
  kind: 'message' | 'auto-reply' | 'bounce' | 'acknowledgement';
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  visibleText: string;
  quotedText: string;
  signature: string;
  remoteImages: number;
}

export function listMailboxes(): Promise<{ items: Mailbox[] }> {
  return requestJson('/api/mailboxes');
}

export function createMailbox(csrf: string, fields: MailboxFields): Promise<Mailbox> {
  return sendJson('POST', '/api/mailboxes', csrf, fields);
}

export function updateMailbox(
  csrf: string,
  id: string,
  fields: Partial<MailboxFields>,
): Promise<Mailbox> {
  return sendJson('PATCH', `/api/mailboxes/${id}`, csrf, fields);
}

export async function deleteMailbox(csrf: string, id: string): Promise<void> {
  await request(`/api/mailboxes/${id}`, { method: 'DELETE', headers: { 'X-CSRF-Token': csrf } });
}

export function emailDetails(messageId: string): Promise<EmailDetails> {
  return requestJson(`/api/email/messages/${messageId}`);
}
