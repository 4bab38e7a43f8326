/**
 * Email benchmark (issue 5): appends 2,000 messages (new ones and replies) to a real Dovecot
 * mailbox, then measures the time until all are stored on their tickets by the mailbox watcher.
 *
 *   npx tsx bench/email/run.ts [--messages 2000] [--senders 200] [--replies 0.5]
 *
 * Prints messages per second and duplicates (messages stored twice, tickets opened twice): 0.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { ensureServices } from '../../server/src/core/services.js';
import { EmailMessage } from '../../server/src/channels/email/model.js';
import {
  startMailboxWatchers,
  stopMailboxWatchers,
} from '../../server/src/channels/email/processors.js';
import { createMailbox } from '../../server/src/channels/email/service.js';
import { Message } from '../../server/src/tickets/message.model.js';
import { Ticket } from '../../server/src/tickets/model.js';
import { startDovecot } from '../../server/test/dovecot.js';
import { plainMail } from '../../server/test/mail-fixtures.js';
import { arg } from '../lib.js';

const MESSAGES = arg('messages', 2000);
const SENDERS = arg('senders', 200);
const REPLIES = arg('replies', 0.5);
const SUPPORT = 'support@desk.test';

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
  const services = await ensureServices({
    dataDir,
    mongoPort: 0,
    mongoUri: process.env.MONGODB_URI || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
  });
  const id = randomBytes(3).toString('hex');
  process.env.LOG_LEVEL = 'warn';
  const runtime = await bootstrap({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: `bench_${id}`,
    REDIS_PREFIX: `bench_${id}`,
    DATA_DIR: dataDir,
    EMAIL_POLL_SECONDS: '1',
  });
  const dovecot = await startDovecot();
  // Interrupted (Ctrl-C, a timeout): Dovecot and the database still go away.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.allSettled([dovecot.close(), services.stop()]).then(() => process.exit(130));
    });
  try {
    // Mixed traffic: a reply answers a random earlier message of the same sender.
    const raws: string[] = [];
    const bySender = new Map<number, string[]>();
    let newOnes = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const s = i % SENDERS;
      const earlier = bySender.get(s) ?? [];
      const parent =
        earlier.length && Math.random() < REPLIES
          ? earlier[Math.floor(Math.random() * earlier.length)]
          : undefined;
      if (!parent) newOnes += 1;
      const mid = `b${i}-${id}@customer.example`;
      earlier.push(mid);
      bySender.set(s, earlier);
      raws.push(
        plainMail({
          from: `sender${s}@customer.example`,
          to: SUPPORT,
          subject: parent ? 'Re: my appliance' : `Case ${i}`,
          id: mid,
          inReplyTo: parent,
          body: `Message ${i}. ${'The unit makes a noise when it starts. '.repeat(8)}`,
        }),
      );
    }
    console.log(
      `appending ${MESSAGES} messages (${newOnes} new, ${MESSAGES - newOnes} replies)...`,
    );
    for (let i = 0; i < raws.length; i += 200) await dovecot.appendMany(raws.slice(i, i + 200));

    await createMailbox(
      {
        name: 'Bench',
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
      randomBytes(12).toString('hex'),
    );
    const started = Date.now();
    startMailboxWatchers();
    let last = 0;
    for (;;) {
      const stored = await EmailMessage.countDocuments({ direction: 'in' });
      if (stored >= MESSAGES) break;
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(`  ${stored} stored after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    await stopMailboxWatchers();
    const messages = await Message.countDocuments({ channel: 'email' });
    const tickets = await Ticket.countDocuments({ channel: 'email' });
    console.log(`\nstored ${MESSAGES} messages in ${seconds.toFixed(1)} s`);
    console.log(`messages/s: ${(MESSAGES / seconds).toFixed(1)} (target >= 50)`);
    console.log(`duplicate messages: ${messages - MESSAGES}`);
    console.log(`tickets: ${tickets} (expected ${newOnes}; extra: ${tickets - newOnes})`);
  } finally {
    await stopMailboxWatchers();
    await dovecot.close();
    await runtime.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
