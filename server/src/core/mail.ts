import nodemailer, { type Transporter } from 'nodemailer';
import { config } from './config.js';
import { unprocessable } from './errors.js';

export interface SystemMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

let transport: Transporter | null = null;

/** Whether system mail (transcripts, survey links, reports) can be sent: `SMTP_URL` is set. */
export function mailConfigured(): boolean {
  return Boolean(config().SMTP_URL);
}

/** Sends one message from `MAIL_FROM`; the returned id is the SMTP Message-ID. */
export async function sendSystemMail(mail: SystemMail): Promise<{ messageId: string }> {
  const url = config().SMTP_URL;
  if (!url) throw unprocessable('mail_off', 'Email is not configured on this server (SMTP_URL)');
  transport ??= nodemailer.createTransport(url);
  const info = await transport.sendMail({ from: config().MAIL_FROM, ...mail });
  return { messageId: info.messageId };
}

/** Tests and shutdown: forget the pooled connection so a new SMTP_URL takes effect. */
export function closeMail(): void {
  transport?.close();
  transport = null;
}
