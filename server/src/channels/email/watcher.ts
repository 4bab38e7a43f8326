import { ImapFlow } from 'imapflow';
import { config } from '../../core/config.js';
import { lockKey, withLocks } from '../../core/locks.js';
import { logger } from '../../core/logger.js';
import { decryptSecret } from './credentials.js';
import { ingestParsed, type IngestResult } from './inbound.js';
import type { Lease } from './lease.js';
import { Mailbox, type MailboxDoc } from './model.js';
import { parseEmail, type ParsedEmail } from './parse.js';

const FETCH_CHUNK = 50;
const PARALLEL = 8;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

export const mailboxLock = (id: unknown) => lockKey('mailbox', String(id));

const sleep = (ms: number, signal?: Promise<unknown>) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    const early = () => {
      clearTimeout(t);
      resolve();
    };
    signal?.then(early, early);
  });

export async function setMailboxState(id: unknown, state: Record<string, unknown>): Promise<void> {
  const set = Object.fromEntries(Object.entries(state).map(([k, v]) => [`state.${k}`, v]));
  await withLocks([mailboxLock(id)], () => Mailbox.updateOne({ _id: id }, { $set: set }));
}

export function imapClient(mailbox: MailboxDoc): ImapFlow {
  const { imap } = mailbox;
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.security === 'tls',
    doSTARTTLS: imap.security === 'starttls' ? true : imap.security === 'none' ? false : undefined,
    auth: { user: imap.user, pass: imap.passwordEnc ? decryptSecret(imap.passwordEnc) : '' },
    logger: false,
    // IDLE soon after each command; without IDLE, imapflow polls with NOOP at this interval.
    autoIdleDelay: 500,
    maxIdleTime: config().EMAIL_POLL_SECONDS * 1000,
    connectionTimeout: 15_000,
  });
}

/**
 * Keeps one mailbox's INBOX in sync while this process holds its lease: fetches every UID past
 * the stored last one, stores them exactly once, then waits in IDLE (or polls) for more, and
 * reconnects with backoff when the server goes away.
 */
export class MailboxWatcher {
  private stopped = false;
  private client: ImapFlow | null = null;
  private stopSignal: () => void = () => undefined;
  private readonly stopping = new Promise<void>((r) => (this.stopSignal = r));
  readonly done: Promise<void>;

  constructor(
    readonly mailboxId: string,
    readonly revision: number,
    private readonly lease: Lease,
  ) {
    this.done = this.run();
  }

  get active(): boolean {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopSignal();
    this.client?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    const renewMs = Math.max(300, (config().EMAIL_LEASE_SECONDS * 1000) / 3);
    const renewer = setInterval(() => {
      void this.lease.renew().then(
        (held) => {
          if (!held && !this.stopped) {
            logger.warn({ mailbox: this.mailboxId }, 'email: mailbox lease lost; disconnecting');
            this.stopped = true;
            this.stopSignal();
            this.client?.close();
          }
        },
        () => undefined,
      );
    }, renewMs);
    let backoff = BACKOFF_MIN_MS;
    try {
      while (!this.stopped) {
        const connected = await this.session().catch(async (err: Error) => {
          logger.warn({ mailbox: this.mailboxId, err: err.message }, 'email: IMAP session ended');
          await setMailboxState(this.mailboxId, {
            connected: false,
            lastError: err.message.slice(0, 500),
            lastErrorAt: new Date(),
          }).catch(() => undefined);
          return false;
        });
        if (this.stopped) break;
        backoff = connected ? BACKOFF_MIN_MS : Math.min(backoff * 2, BACKOFF_MAX_MS);
        await sleep(backoff * (0.75 + Math.random() / 2), this.stopping);
      }
    } finally {
      clearInterval(renewer);
      await setMailboxState(this.mailboxId, { connected: false }).catch(() => undefined);
      await this.lease.release().catch(() => undefined);
    }
  }

  /** One connection's life; true when it got as far as connecting. */
  private async session(): Promise<boolean> {
    const mailbox = await Mailbox.findById(this.mailboxId).lean<MailboxDoc>();
    if (!mailbox || !mailbox.active) {
      this.stopped = true;
      return false;
    }
    const client = imapClient(mailbox);
    this.client = client;
    let wake: () => void = () => undefined;
    let news = new Promise<void>((r) => (wake = r));
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    client.on('exists', () => wake());
    client.on('error', (err: Error) =>
      logger.warn({ mailbox: this.mailboxId, err: err.message }, 'email: IMAP error'),
    );
    try {
      await client.connect();
      if (this.stopped) return true;
      await client.mailboxOpen(mailbox.imap.folder || 'INBOX');
      await setMailboxState(this.mailboxId, {
        connected: true,
        connectedAt: new Date(),
        lastError: null,
      });
      let open = true;
      client.once('close', () => (open = false));
      while (open && !this.stopped) {
        await this.sync(client, mailbox);
        if (!open || this.stopped) break;
        await sleep(
          config().EMAIL_POLL_SECONDS * 1000,
          Promise.race([news, closed, this.stopping]),
        );
        news = new Promise<void>((r) => (wake = r));
      }
      if (!this.stopped) throw new Error('IMAP connection closed');
      return true;
    } catch (err) {
      if (client.usable || this.client === client) client.close();
      if (this.stopped) return true;
      throw err;
    } finally {
      if (client.usable) await client.logout().catch(() => undefined);
      this.client = null;
    }
  }

  /** Everything after the last stored UID; a new UIDVALIDITY starts over (Message-IDs dedupe). */
  private async sync(client: ImapFlow, mailbox: MailboxDoc): Promise<void> {
    const current = client.mailbox;
    if (!current) throw new Error('no mailbox selected');
    const uidValidity = String(current.uidValidity);
    const fresh = (await Mailbox.findById(mailbox._id).lean<MailboxDoc>())!;
    let lastUid = fresh.sync?.lastUid ?? 0;
    if (fresh.sync?.uidValidity !== uidValidity) {
      if (fresh.sync?.uidValidity)
        logger.warn(
          { mailbox: this.mailboxId },
          'email: UIDVALIDITY changed; resyncing by Message-ID',
        );
      lastUid = 0;
      await this.saveSync({ 'sync.uidValidity': uidValidity, 'sync.lastUid': 0 });
    }
    if (!current.exists) return;
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b);
    for (let i = 0; i < uids.length && !this.stopped; i += FETCH_CHUNK) {
      const chunk = uids.slice(i, i + FETCH_CHUNK);
      const fetched = await client.fetchAll(chunk, { uid: true, source: true }, { uid: true });
      const parsed = await Promise.all(
        fetched
          .filter((m) => m.source)
          .map(async (m) => ({ uid: m.uid, source: m.source!, mail: await parseEmail(m.source!) })),
      );
      await ingestChunk(mailbox, parsed);
      lastUid = chunk[chunk.length - 1]!;
      await this.saveSync({ 'sync.lastUid': lastUid, 'state.lastMessageAt': new Date() });
    }
  }

  private async saveSync(set: Record<string, unknown>): Promise<void> {
    await withLocks([mailboxLock(this.mailboxId)], () =>
      Mailbox.updateOne({ _id: this.mailboxId }, { $set: set }),
    );
  }
}

/**
 * Stores fetched mails a few at a time; a mail that answers another one of the same chunk waits
 * for it, so threading sees its parent.
 */
export async function ingestChunk(
  mailbox: MailboxDoc,
  items: Array<{ uid: number | null; source: Buffer; mail: ParsedEmail }>,
): Promise<IngestResult[]> {
  const byId = new Map<string, Promise<unknown>>();
  const results: IngestResult[] = new Array(items.length);
  let next = 0;
  const startItem = (index: number) => {
    const item = items[index]!;
    const parents = item.mail.references
      .map((r) => byId.get(r))
      .filter((p): p is Promise<unknown> => Boolean(p));
    const p = Promise.all(parents)
      .catch(() => undefined)
      .then(() => ingestParsed(mailbox, item.mail, item.uid))
      .then((r) => {
        results[index] = r;
      });
    byId.set(item.mail.messageId, p);
    return p;
  };
  const lanes = Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await startItem(index);
    }
  });
  await Promise.all(lanes);
  return results;
}
