import { config } from '../../core/config.js';
import { inBackground, logger } from '../../core/logger.js';
import { QueueName, startWorker } from '../../core/queues.js';
import { Lease } from './lease.js';
import { Mailbox, type MailboxDoc } from './model.js';
import { processEmailOutbound, setupEmailChannel } from './outbound.js';
import { MailboxWatcher } from './watcher.js';

const watchers = new Map<string, MailboxWatcher>();
let scanTimer: NodeJS.Timeout | null = null;
let scanning: Promise<void> | null = null;

/**
 * Makes this process watch every active mailbox whose lease it can take; run again and again,
 * so a mailbox whose worker died is taken over and a changed one reconnects with new settings.
 */
async function scan(): Promise<void> {
  const mailboxes = await Mailbox.find({ active: true }, { _id: 1, revision: 1 }).lean<
    Array<Pick<MailboxDoc, '_id' | 'revision'>>
  >();
  const wanted = new Map(mailboxes.map((m) => [String(m._id), m.revision]));
  for (const [id, w] of watchers) {
    if (!w.active || wanted.get(id) !== w.revision) {
      watchers.delete(id);
      await w.stop();
    }
  }
  for (const [id, revision] of wanted) {
    if (watchers.has(id)) continue;
    const lease = new Lease(`mailbox:${id}`, config().EMAIL_LEASE_SECONDS * 1000);
    if (!(await lease.acquire())) continue;
    watchers.set(id, new MailboxWatcher(id, revision, lease));
  }
}

export function scanMailboxes(): Promise<void> {
  scanning ??= scan()
    .catch((err: Error) => logger.warn({ err: err.message }, 'email: mailbox scan failed'))
    .finally(() => (scanning = null));
  return scanning;
}

export function startMailboxWatchers(): void {
  if (scanTimer) return;
  inBackground(scanMailboxes(), 'email: mailbox scan');
  const everyMs = Math.min(10_000, (config().EMAIL_LEASE_SECONDS * 1000) / 2);
  scanTimer = setInterval(() => inBackground(scanMailboxes(), 'email: mailbox scan'), everyMs);
}

export async function stopMailboxWatchers(): Promise<void> {
  if (scanTimer) clearInterval(scanTimer);
  scanTimer = null;
  await scanning;
  await Promise.all([...watchers.values()].map((w) => w.stop()));
  watchers.clear();
}

/** Worker registration: outbound mail and the IMAP watchers (one connection per mailbox). */
export function startEmailProcessors(): QueueName[] {
  setupEmailChannel();
  startWorker(QueueName.EmailOutbound, processEmailOutbound);
  startMailboxWatchers();
  return [QueueName.EmailOutbound];
}
