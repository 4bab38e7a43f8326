import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../../test/app.js';
import { startDovecot, type Dovecot } from '../../../test/dovecot.js';
import { makeGroup } from '../../../test/factories.js';
import { mailFixture, plainMail } from '../../../test/mail-fixtures.js';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink.js';
import { Interaction } from '../../interactions/model.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { decryptSecret } from './credentials.js';
import { EmailMessage, Mailbox, type EmailMessageDoc, type MailboxDoc } from './model.js';
import { startEmailProcessors, stopMailboxWatchers } from './processors.js';

let app: TestApp;
let dovecot: Dovecot;
let smtp: SmtpSink;
let admin: SignedIn;
let mailbox: MailboxDoc;
let groupId: string;

const SUPPORT = 'support@desk.test';
const uniq = () => randomBytes(5).toString('hex');
const newId = () => `${uniq()}@customer.example`;
const customer = () => `c-${uniq()}@customer.example`;

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const messageByKey = (id: string) =>
  Message.findOne({
    channel: 'email',
    externalId: `${String(mailbox._id)}:${id}`,
  }).lean<MessageDoc>();
const arrived = (id: string) => until(() => messageByKey(id));
const ticketOf = async (m: MessageDoc) => (await Ticket.findById(m.ticket).lean<TicketDoc>())!;

async function reply(ticketId: unknown, text: string, attachments: string[] = []) {
  const res = await admin.agent
    .post(`/api/tickets/${String(ticketId)}/messages`)
    .set('X-CSRF-Token', admin.csrf)
    .send({ text, channel: 'email', ...(attachments.length ? { attachments } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

/** The email row is written just after the message: wait for it. */
const details = (messageId: unknown) =>
  until(async () => {
    const res = await admin.agent.get(`/api/email/messages/${String(messageId)}`);
    return res.status === 200 ? (res.body as Record<string, unknown>) : null;
  });

const sentTo = (address: string) =>
  smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(address));

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot(), startSmtpSink()]);
  app = await startTestApp({
    EMAIL_POLL_SECONDS: '1',
    EMAIL_LEASE_SECONDS: '3',
    ATTACHMENT_MAX_BYTES: '20000',
    MAIL_CREDENTIALS_KEY: randomBytes(32).toString('hex'),
  });
  const user = await makeUser({ roles: ['admin'] });
  admin = await signIn(app, user);
  groupId = String((await makeGroup())._id);
  const res = await admin.agent
    .post('/api/mailboxes')
    .set('X-CSRF-Token', admin.csrf)
    .send({
      name: 'Support',
      address: SUPPORT,
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user: dovecot.user,
        password: dovecot.password,
      },
      smtp: { host: smtp.host, port: smtp.port, security: 'none', fromName: 'پشتیبانی' },
      group: groupId,
      signature: 'After-sales support',
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  mailbox = (await Mailbox.findById(res.body.id).lean<MailboxDoc>())!;
  startEmailProcessors();
}, 120_000);

afterAll(async () => {
  await stopMailboxWatchers();
  await app?.close();
  await Promise.all([dovecot?.close(), smtp?.close()]);
});

describe('mailbox admin API', () => {
  it('stores passwords encrypted and never returns them; shows the connection state', async () => {
    const stored = (await Mailbox.findById(mailbox._id).lean<MailboxDoc>())!;
    expect(stored.imap.passwordEnc).not.toContain(dovecot.password);
    expect(decryptSecret(stored.imap.passwordEnc!)).toBe(dovecot.password);
    const state = await until(async () => {
      const res = await admin.agent.get(`/api/mailboxes/${String(mailbox._id)}`);
      return res.body.state.connected ? res.body : null;
    });
    expect(JSON.stringify(state)).not.toContain(dovecot.password);
    expect(JSON.stringify(state)).not.toContain('passwordEnc');
    expect(state.imap.hasPassword).toBe(true);
    expect(state.smtp.hasPassword).toBe(false);
  });

  it('validates input and is for admins only', async () => {
    const bad = await admin.agent
      .post('/api/mailboxes')
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: 'x', address: 'not-an-email', imap: {}, smtp: {}, extra: 1 });
    expect(bad.status).toBe(400);
    const expert = await signIn(app, await makeUser({ roles: ['expert'] }));
    expect((await expert.agent.get('/api/mailboxes')).status).toBe(403);
    const anon = await request(app.url).get('/api/mailboxes');
    expect(anon.status).toBe(401);
  });
});

describe('inbound email', () => {
  it('opens a ticket in the mailbox group, keeps Persian text, sanitises HTML and acknowledges once', async () => {
    const from = customer();
    const id = newId();
    await dovecot.append(mailFixture('multipart-alternative', { FROM: from, TO: SUPPORT, ID: id }));
    const m = await arrived(id);
    const t = await ticketOf(m);
    expect(t.subject).toBe('یخچال من خنک نمی‌کند');
    expect(String(t.group)).toBe(groupId);
    expect(t.channel).toBe('email');
    expect(m.text).toContain('RF-200');
    expect(m.html).toContain('<b>RF-200</b>');
    const ack = await until(async () => sentTo(from)[0]);
    expect(ack.subject).toContain(`[T-${t.number}]`);
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.inReplyTo).toBe(`<${id}>`);

    // A second new email from the same sender within the hour: a ticket, but no second ack.
    const second = newId();
    await dovecot.append(mailFixture('persian-qp', { FROM: from, TO: SUPPORT, ID: second }));
    const m2 = await arrived(second);
    expect(String(m2.ticket)).not.toBe(String(m.ticket));
    expect((await ticketOf(m2)).subject).toBe('درخواست گارانتی');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo(from)).toHaveLength(1);
  });

  it('threads a Gmail reply by In-Reply-To and folds its quote', async () => {
    const from = customer();
    const first = newId();
    await dovecot.append(
      mailFixture('multipart-alternative', { FROM: from, TO: SUPPORT, ID: first }),
    );
    const m1 = await arrived(first);
    const second = newId();
    await dovecot.append(
      mailFixture('gmail-reply', { FROM: from, TO: SUPPORT, ID: second, PARENT: first }),
    );
    const m2 = await arrived(second);
    expect(String(m2.ticket)).toBe(String(m1.ticket));
    expect(m2.text).toContain('> Please tell us'); // the full original is kept
    expect(m2.html).toContain('data-cc-quoted="1"');
    const email = await details(m2._id);
    expect(email.visibleText).toBe('Thanks, the technician can come on Sunday.');
    expect(email.quotedText).toContain('Please tell us');
    expect(email.signature).toContain('Maryam Ahmadi');
  });

  it('threads an Outlook reply without In-Reply-To by [T-n] in the subject', async () => {
    const from = customer();
    const first = newId();
    await dovecot.append(
      plainMail({ from, to: SUPPORT, subject: 'Washing machine noise', id: first }),
    );
    const t = await ticketOf(await arrived(first));
    const second = newId();
    await dovecot.append(
      mailFixture('outlook-reply', { FROM: from, TO: SUPPORT, ID: second, NUMBER: t.number }),
    );
    const m2 = await arrived(second);
    expect(String(m2.ticket)).toBe(String(t._id));
  });

  it('strips scripts and handlers and parks remote images', async () => {
    const id = newId();
    await dovecot.append(mailFixture('html-script', { FROM: customer(), TO: SUPPORT, ID: id }));
    const m = await arrived(id);
    expect(m.html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe/i);
    expect(m.html).toContain('data-remote-src="https://tracker.example.com/pixel.gif"');
    expect((await details(m._id)).remoteImages).toBe(1);
  });

  it('records an oversized attachment as dropped and still stores the message', async () => {
    const id = newId();
    await dovecot.append(mailFixture('attachments', { FROM: customer(), TO: SUPPORT, ID: id }));
    const m = await arrived(id);
    expect(m.text).toContain('Two files attached');
    const scan = m.attachments.find((a) => a.name === 'scan.pdf')!;
    expect(scan.dropped).toBe(true);
    expect(scan.reason).toMatch(/large/);
    const note = m.attachments.find((a) => a.name === 'note.txt')!;
    expect(note.dropped).toBe(false);
    const file = await admin.agent.get(`/api/attachments/${String(note.fileId)}`);
    expect(file.status).toBe(200);
    expect(String(file.text ?? file.body)).toContain('Error code E4');
  });

  it('stores an out-of-office reply on the ticket without acknowledging it', async () => {
    const from = customer();
    const id = newId();
    await dovecot.append(mailFixture('out-of-office', { FROM: from, TO: SUPPORT, ID: id }));
    const m = await arrived(id);
    expect(m.ticket).toBeTruthy();
    // The email row is written just after the message.
    const row = await until(() =>
      EmailMessage.findById(`${String(mailbox._id)}:${id}`).lean<EmailMessageDoc>(),
    );
    expect(row.kind).toBe('auto-reply');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo(from)).toHaveLength(0);
  });

  it('stores each message once: repeated Message-ID, missing Message-ID, and a full resync', async () => {
    const from = customer();
    const id = newId();
    const raw = plainMail({ from, to: SUPPORT, subject: 'twice', id });
    await dovecot.appendMany([raw, raw]);
    await dovecot.append(mailFixture('no-message-id', { FROM: from, TO: SUPPORT }));
    await arrived(id);
    const noId = await until(() =>
      EmailMessage.findOne({ from, subject: 'No id here' }).lean<EmailMessageDoc>(),
    );
    expect(noId.messageId).toMatch(/^hash:/);
    // A new UIDVALIDITY (mailbox rebuilt on the server): everything is fetched again.
    await Mailbox.updateOne({ _id: mailbox._id }, { $set: { 'sync.uidValidity': 'rebuilt' } });
    await until(async () => {
      const m = await Mailbox.findById(mailbox._id).lean<MailboxDoc>();
      return m!.sync!.uidValidity !== 'rebuilt' && m!.sync!.lastUid > 0;
    });
    const total = await EmailMessage.countDocuments({ mailbox: mailbox._id, direction: 'in' });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await EmailMessage.countDocuments({ mailbox: mailbox._id, direction: 'in' })).toBe(
      total,
    );
    expect(
      await Message.countDocuments({
        channel: 'email',
        externalId: `${String(mailbox._id)}:${id}`,
      }),
    ).toBe(1);
    expect(
      await Message.countDocuments({
        channel: 'email',
        externalId: `${String(mailbox._id)}:${noId.messageId}`,
      }),
    ).toBe(1);
  });

  it('reconnects after Dovecot stops mid-stream and misses nothing', async () => {
    const from = customer();
    const ids = Array.from({ length: 30 }, newId);
    await dovecot.appendMany(
      ids.slice(0, 15).map((id, i) => plainMail({ from, to: SUPPORT, subject: `r${i}`, id })),
    );
    await dovecot.stop();
    const down = await until(async () => {
      const m = await Mailbox.findById(mailbox._id).lean<MailboxDoc>();
      return m!.state!.connected ? null : m;
    });
    expect(down.state!.connected).toBe(false);
    await dovecot.start();
    await dovecot.appendMany(
      ids.slice(15).map((id, i) => plainMail({ from, to: SUPPORT, subject: `s${i}`, id })),
    );
    for (const id of ids) await arrived(id);
    const keys = ids.map((id) => `${String(mailbox._id)}:${id}`);
    expect(await Message.countDocuments({ channel: 'email', externalId: { $in: keys } })).toBe(30);
    const state = await until(async () => {
      const m = await Mailbox.findById(mailbox._id).lean<MailboxDoc>();
      return m!.state!.connected ? m : null;
    });
    expect(state.state!.lastError).toBeNull();
  }, 60_000);
});

describe('outbound email', () => {
  async function customerTicket() {
    const from = customer();
    const id = newId();
    await dovecot.append(mailFixture('multipart-alternative', { FROM: from, TO: SUPPORT, ID: id }));
    const m = await arrived(id);
    await until(async () => sentTo(from)[0]); // the acknowledgement
    return { from, id, ticket: await ticketOf(m) };
  }

  it('sends a threaded reply with [T-n], RTL HTML and the signature; stores its Message-ID', async () => {
    const { from, id, ticket } = await customerTicket();
    const upload = await admin.agent
      .post(`/api/tickets/${String(ticket._id)}/attachments`)
      .set('X-CSRF-Token', admin.csrf)
      .attach('file', Buffer.from('%PDF-1.4\nservice report\n%%EOF\n'), 'report.pdf');
    expect(upload.status).toBe(201);
    const sent = await reply(ticket._id, 'سلام، تکنسین فردا تماس می‌گیرد.', [upload.body.id]);
    const mail = await until(async () =>
      sentTo(from).find((m) => !m.headers.get('auto-submitted')),
    );
    expect(mail.subject).toBe(`Re: یخچال من خنک نمی‌کند [T-${ticket.number}]`);
    expect(mail.inReplyTo).toBe(`<${id}>`);
    expect(JSON.stringify(mail.references)).toContain(id);
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain('After-sales support');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['report.pdf']);
    expect(mail.attachments[0]!.content.toString()).toContain('service report');
    const stored = await until(async () => {
      const m = await Message.findById(sent.id).lean<MessageDoc>();
      return m?.deliveryStatus === 'sent' ? m : null;
    });
    expect(stored.deliveryError).toBeNull();
    const mid = mail.messageId!.replace(/^<|>$/g, '');
    expect(await EmailMessage.exists({ _id: `${String(mailbox._id)}:${mid}` })).toBeTruthy();

    // The customer answers our reply: it threads by In-Reply-To onto the same ticket.
    const answer = newId();
    await dovecot.append(
      plainMail({ from, to: SUPPORT, subject: 'Re: x', id: answer, inReplyTo: mid }),
    );
    expect(String((await arrived(answer)).ticket)).toBe(String(ticket._id));
  });

  it('retries a 451 and sends once', async () => {
    const { from, ticket } = await customerTicket();
    const before = smtp.attempts;
    smtp.plan.push(451);
    const sent = await reply(ticket._id, 'Second try works');
    const m = await until(async () => {
      const x = await Message.findById(sent.id).lean<MessageDoc>();
      return x?.deliveryStatus === 'sent' ? x : null;
    });
    expect(m.deliveryStatus).toBe('sent');
    expect(smtp.attempts - before).toBe(2);
    expect(sentTo(from).filter((x) => x.text?.includes('Second try works'))).toHaveLength(1);
  });

  it('fails a 550 at once and shows the error; a bounce marks the message bounced', async () => {
    const { from, ticket } = await customerTicket();
    const before = smtp.attempts;
    smtp.plan.push(550);
    const sent = await reply(ticket._id, 'This will be refused');
    const m = await until(async () => {
      const x = await Message.findById(sent.id).lean<MessageDoc>();
      return x?.deliveryStatus === 'failed' ? x : null;
    });
    expect(m.deliveryError).toMatch(/550/);
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.attempts - before).toBe(1);
    expect((await Interaction.findOne({ message: m._id }).lean())!.outcome).toBe('failed');

    // A reply that went out and later bounced (DSN from the recipient's server).
    const ok = await reply(ticket._id, 'Will bounce later');
    const delivered = await until(async () => {
      const x = await Message.findById(ok.id).lean<MessageDoc>();
      return x?.deliveryStatus === 'sent' ? x : null;
    });
    const row = (await EmailMessage.findOne({ message: delivered._id }).lean<EmailMessageDoc>())!;
    await dovecot.append(
      mailFixture('dsn-bounce', { TO: SUPPORT, ID: newId(), RCPT: from, ORIGINAL: row.messageId }),
    );
    const bounced = await until(async () => {
      const x = await Message.findById(ok.id).lean<MessageDoc>();
      return x?.deliveryStatus === 'bounced' ? x : null;
    });
    expect(bounced.deliveryError).toMatch(/Bounced/);
    await until(
      async () => (await Interaction.findOne({ message: ok.id }).lean())?.outcome === 'bounced',
    );
  });
});
