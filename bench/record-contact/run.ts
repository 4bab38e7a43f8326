/**
 * recordContact benchmark: SMS-like contacts straight into `recordContact()` (no HTTP, no
 * provider), after the messages collection was filled with unrelated rows.
 *
 *   npx tsx bench/record-contact/run.ts [--prefill 2000] [--senders 200] [--concurrency 8]
 *
 * Prints contacts per second for (a) a new sender (contact, ticket, message, interaction) and
 * (b) a repeat message on the sender's open ticket, and the duplicates: 0.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { ensureServices } from '../../server/src/core/services.js';
import { Message } from '../../server/src/tickets/message.model.js';
import { Ticket } from '../../server/src/tickets/model.js';
import { recordContact } from '../../server/src/tickets/service.js';
import { arg } from '../lib.js';

const PREFILL = arg('prefill', 2000);
const SENDERS = arg('senders', 200);
const CONCURRENCY = arg('concurrency', 8);

async function inParallel(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return (Date.now() - started) / 1000;
}

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
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void services.stop().then(() => process.exit(130)));
  try {
    const filler = new mongoose.Types.ObjectId();
    for (let i = 0; i < PREFILL; i += 500) {
      await Message.insertMany(
        Array.from({ length: Math.min(500, PREFILL - i) }, (_, k) => ({
          ticket: filler,
          direction: 'in',
          channel: 'sms',
          authorKind: 'contact',
          text: 'An earlier message. '.repeat(10),
          externalId: `prefill-${i + k}`,
        })),
      );
    }
    const phone = (s: number) => `+98912${String(1_000_000 + s).slice(1)}0`;
    const event = (s: number, n: number) => ({
      channel: 'sms' as const,
      direction: 'in' as const,
      caller: { kind: 'phone' as const, value: phone(s) },
      contact: { phone: phone(s) },
      message: { text: `Message ${n} from sender ${s}`, externalId: `SM${id}-${s}-${n}` },
      outcome: 'received' as const,
    });
    const fresh = await inParallel(SENDERS, (s) => recordContact(event(s, 0)));
    const repeat = await inParallel(SENDERS, (s) => recordContact(event(s, 1)));
    const retried = await inParallel(SENDERS, (s) => recordContact(event(s, 1)));
    const messages = await Message.countDocuments({ channel: 'sms' });
    const tickets = await Ticket.countDocuments({ channel: 'sms' });
    console.log(`prefilled messages: ${PREFILL}, senders: ${SENDERS}, concurrency: ${CONCURRENCY}`);
    console.log(`(a) new sender:      ${(SENDERS / fresh).toFixed(1)}/s`);
    console.log(`(b) repeat message:  ${(SENDERS / repeat).toFixed(1)}/s`);
    console.log(`(c) retried message: ${(SENDERS / retried).toFixed(1)}/s`);
    console.log(`duplicate messages: ${messages - PREFILL - 2 * SENDERS}`);
    console.log(`tickets beyond one per sender: ${tickets - SENDERS}`);
  } finally {
    await runtime.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
