import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import { foldText, type FoldedText } from './quotes.js';

export type EmailKind = 'message' | 'auto-reply' | 'bounce';

export interface ParsedEmail {
  /** Without angle brackets; a `hash:` id when the mail had none (same bytes, same id). */
  messageId: string;
  inReplyTo: string | null;
  /** References then In-Reply-To, oldest first, without duplicates. */
  references: string[];
  subject: string;
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  date: Date | null;
  text: string;
  /** Raw (unsanitised) HTML part, if any. */
  html: string | null;
  attachments: Attachment[];
  kind: EmailKind;
  /** For a bounce: the Message-IDs of the mails it reports on. */
  bouncedIds: string[];
  folded: FoldedText;
}

const stripId = (id: string) => id.trim().replace(/^<|>$/g, '').trim();

/** mailparser gives one reference as a string and several as an array; either may hold many ids. */
export function normaliseIds(value: string | string[] | undefined | null): string[] {
  const raw = Array.isArray(value) ? value : value ? [value] : [];
  return raw.flatMap((v) => (v.match(/<[^<>\s]+>/g) ?? [v]).map(stripId)).filter(Boolean);
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value)
    .map((a) => (a.address ?? '').toLowerCase())
    .filter(Boolean);

const header = (mail: ParsedMail, name: string): string => {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
  return String(v);
};

/** RFC 3834 and the common vendor headers: never answer these automatically. */
function isAutoReply(mail: ParsedMail): boolean {
  const auto = header(mail, 'auto-submitted').toLowerCase();
  if (auto && auto !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(header(mail, 'precedence').trim())) return true;
  return false;
}

function isBounce(mail: ParsedMail, sender: string): boolean {
  const ct = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (
    ct?.value?.toLowerCase() === 'multipart/report' &&
    /delivery-status/i.test(ct.params?.['report-type'] ?? '')
  )
    return true;
  return /^(mailer-daemon|postmaster)@/i.test(sender);
}

/** The Message-IDs a bounce reports on: in its attached original headers, not its own. */
function bouncedIdsOf(raw: string, own: string): string[] {
  const ids = new Set<string>();
  for (const m of raw.matchAll(/^(?:Original-)?Message-ID:\s*(<[^>\s]+>)/gim)) {
    const id = stripId(m[1]!);
    if (id !== own) ids.add(id);
  }
  return [...ids];
}

export async function parseEmail(source: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(source, { keepCidLinks: true, skipTextToHtml: true });
  const from = mail.from?.value[0];
  const sender = (from?.address ?? '').toLowerCase();
  const messageId = mail.messageId
    ? stripId(mail.messageId)
    : `hash:${createHash('sha256').update(source).digest('hex').slice(0, 40)}`;
  const inReplyTo = normaliseIds(mail.inReplyTo)[0] ?? null;
  const references = [
    ...new Set([...normaliseIds(mail.references), ...(inReplyTo ? [inReplyTo] : [])]),
  ];
  const bounce = isBounce(mail, sender);
  const text = mail.text ?? '';
  return {
    messageId,
    inReplyTo,
    references,
    subject: (mail.subject ?? '').trim(),
    from: sender ? { address: sender, name: (from?.name ?? '').trim() } : null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date: mail.date ?? null,
    text,
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: mail.attachments,
    kind: bounce ? 'bounce' : isAutoReply(mail) ? 'auto-reply' : 'message',
    bouncedIds: bounce ? bouncedIdsOf(source.toString('latin1'), messageId) : [],
    folded: foldText(text),
  };
}

/** `[T-12345]` anywhere in a subject (also with Persian digits). */
export function ticketNumberInSubject(subject: string): number | null {
  const latin = subject.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  const m = latin.match(/\[T-(\d{1,12})\]/i);
  return m ? Number(m[1]) : null;
}
