import type { EmailMessageDoc, MailboxDoc } from './model.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

type Server = MailboxDoc['imap'] | MailboxDoc['smtp'];
const server = (s: Server) => ({
  host: s.host,
  port: s.port,
  security: s.security,
  user: s.user,
  /** Whether a password is stored; the password itself never leaves the server. */
  hasPassword: Boolean(s.passwordEnc),
});

export function presentMailbox(m: MailboxDoc) {
  return {
    id: String(m._id),
    name: m.name,
    address: m.address,
    imap: { ...server(m.imap), folder: m.imap.folder },
    smtp: { ...server(m.smtp), fromName: m.smtp.fromName },
    group: m.group ? String(m.group) : null,
    acknowledge: m.acknowledge,
    signature: m.signature,
    active: m.active,
    state: {
      connected: Boolean(m.state?.connected),
      connectedAt: iso(m.state?.connectedAt),
      lastMessageAt: iso(m.state?.lastMessageAt),
      lastError: m.state?.lastError ?? null,
      lastErrorAt: iso(m.state?.lastErrorAt),
    },
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

/** The email side of a timeline message: headers and the folded text for display. */
export function presentEmailDetails(e: EmailMessageDoc) {
  return {
    messageId: e.messageId,
    direction: e.direction,
    kind: e.kind,
    from: e.from,
    to: e.to,
    cc: e.cc,
    subject: e.subject,
    inReplyTo: e.inReplyTo ?? null,
    visibleText: e.visibleText,
    quotedText: e.quotedText,
    signature: e.signature,
    remoteImages: e.remoteImages,
  };
}
