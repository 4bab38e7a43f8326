import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { startDovecot, type Dovecot } from '../../../test/dovecot.js';
import { plainMail } from '../../../test/mail-fixtures.js';
import { spawnRole, type HubProcess } from '../../../test/processes.js';
import { Message } from '../../tickets/message.model.js';
import { Ticket } from '../../tickets/model.js';
import { createMailbox } from './service.js';
import { EmailMessage, Mailbox, type MailboxDoc } from './model.js';

let app: TestApp;
let dovecot: Dovecot;
const workers: HubProcess[] = [];
const SUPPORT = 'support@desk.test';
const TOTAL = 200;

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dovecot = await startDovecot();
  app = await startTestApp({
    EMAIL_POLL_SECONDS: '1',
    EMAIL_LEASE_SECONDS: '2',
    MAIL_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
  });
  await createMailbox(
    {
      name: 'Support',
      address: SUPPORT,
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user: dovecot.user,
        password: dovecot.password,
        folder: 'INBOX',
      },
      smtp: { host: '127.0.0.1', port: 9, security: 'none', user: '', fromName: '' },
      group: null,
      acknowledge: false,
      signature: '',
      active: true,
    },
    String(randomBytes(12).toString('hex')),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await app?.close();
  await dovecot?.close();
});

describe('email exactly once across worker crashes', () => {
  it('a worker killed between fetch and store loses and doubles nothing; one of two workers holds the mailbox', async () => {
    const senders = Array.from(
      { length: 20 },
      (_, i) => `s${i}-${randomBytes(3).toString('hex')}@c.example`,
    );
    await dovecot.appendMany(
      Array.from({ length: TOTAL }, (_, i) =>
        plainMail({
          from: senders[i % senders.length]!,
          to: SUPPORT,
          subject: `case ${i}`,
          id: `crash-${i}@c.example`,
        }),
      ),
    );
    const first = await spawnRole('worker', app.env);
    // Kill it hard while it is part-way through (some stored, most not).
    await until(async () => (await Message.countDocuments({ channel: 'email' })) >= 15, 120_000);
    first.child.kill('SIGKILL');
    await new Promise<void>((r) =>
      first.child.exitCode !== null ? r() : first.child.once('exit', () => r()),
    );
    const atKill = await Message.countDocuments({ channel: 'email' });
    expect(atKill).toBeLessThan(TOTAL);

    // Two workers now compete for the mailbox's lease; the survivor finishes the job.
    workers.push(await spawnRole('worker', app.env), await spawnRole('worker', app.env));
    await until(
      async () => (await EmailMessage.countDocuments({ direction: 'in' })) === TOTAL,
      180_000,
    );
    expect(await Message.countDocuments({ channel: 'email' })).toBe(TOTAL);
    expect(await Ticket.countDocuments({ channel: 'email' })).toBe(TOTAL);
    const mailbox = (await Mailbox.findOne({ address: SUPPORT }).lean<MailboxDoc>())!;
    expect(mailbox.sync!.lastUid).toBe(TOTAL);
  }, 300_000);
});
