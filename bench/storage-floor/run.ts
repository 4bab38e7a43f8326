/**
 * What the database itself can do on this machine, without our code: message-sized inserts one
 * at a time and in batches (the ceiling group commit can reach), and reads and updates of a
 * ticket by `_id` (what a per-message ticket update costs). The chat, SMS
 * and email benchmarks are read against these figures.
 *
 *   npx tsx bench/storage-floor/run.ts [--seconds 3] [--tickets 5000]
 *
 * Uses MONGODB_URI when set, else a fresh local FerretDB in a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId, type Collection, type Document } from 'mongodb';
import { ensureServices } from '../../server/src/core/services.js';
import { arg } from '../lib.js';

const SECONDS = arg('seconds', 3);
const TICKETS = arg('tickets', 5000);
/** The FerretDB wrapper indexes `_id` lookups of new tables every 2 s (tools/ferretdb/idindex.go). */
const INDEX_SETTLE_MS = 5000;

const message = () => ({
  _id: new ObjectId(),
  ticket: new ObjectId(),
  contact: new ObjectId(),
  direction: 'in',
  channel: 'webchat',
  authorKind: 'contact',
  authorName: 'Kaveh Visitor',
  text: 'سلام، پمپ آب صدا می‌دهد و کمی نشت دارد',
  attachments: [],
  externalId: `webchat:${new ObjectId().toHexString()}`,
  deliveryStatus: 'received',
  createdAt: new Date(),
  updatedAt: new Date(),
});

/** Runs `op` from `concurrency` loops for SECONDS; `op` answers how many documents it did. */
async function rate(concurrency: number, op: () => Promise<number>): Promise<number> {
  const started = Date.now();
  const until = started + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const n = await op(); // not `done += await op()`: that reads `done` before the await
        done += n;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

async function inserts(messages: Collection<Document>) {
  console.log('\n| message inserts | 1 loop | 8 loops | 50 loops |\n| --- | --- | --- | --- |');
  for (const batch of [1, 10, 50, 200]) {
    const cells: string[] = [];
    for (const concurrency of [1, 8, 50]) {
      const perSecond = await rate(concurrency, async () => {
        await messages.insertMany(Array.from({ length: batch }, message), { ordered: false });
        return batch;
      });
      cells.push(`${perSecond.toFixed(0)}/s`);
    }
    console.log(`| batches of ${batch} | ${cells.join(' | ')} |`);
  }
}

async function byId(tickets: Collection<Document>, ids: ObjectId[]) {
  const any = () => ids[Math.floor(Math.random() * ids.length)]!;
  const touch = { $set: { lastCustomerMessageAt: new Date() } };
  const ops: Array<[string, () => Promise<number>]> = [
    ['find one ticket by _id', async () => ((await tickets.findOne({ _id: any() })) ? 1 : 0)],
    [
      'update one ticket by _id',
      async () => (await tickets.updateOne({ _id: any() }, touch)).matchedCount,
    ],
  ];
  console.log(`\n| tickets by _id (${TICKETS} tickets) | 1 loop | 8 loops |\n| --- | --- | --- |`);
  for (const [name, op] of ops) {
    const cells: string[] = [];
    for (const concurrency of [1, 8]) cells.push(`${(await rate(concurrency, op)).toFixed(0)}/s`);
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-floor-'));
  const services = await ensureServices({
    dataDir,
    mongoUri: process.env.MONGODB_URI,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    mongoPort: 0,
  });
  const client = await MongoClient.connect(services.mongoUri, { maxPoolSize: 60 });
  try {
    const db = client.db(`floor_${Date.now()}`);
    const messages = db.collection('messages');
    const tickets = db.collection('tickets');
    await messages.insertOne(message());
    const ids = Array.from({ length: TICKETS }, () => new ObjectId());
    for (let i = 0; i < ids.length; i += 500)
      await tickets.insertMany(
        ids.slice(i, i + 500).map((_id, j) => ({
          _id,
          number: 10_000 + i + j,
          status: 'assigned',
          subject: 'The pump is noisy',
          timeline: [{ kind: 'created', at: new Date() }],
          lastCustomerMessageAt: new Date(),
        })),
      );
    await new Promise((r) => setTimeout(r, INDEX_SETTLE_MS));
    console.log(`storage floor, ${SECONDS} s per figure, documents per second`);
    await inserts(messages);
    await byId(tickets, ids);
    await db.dropDatabase();
  } finally {
    await client.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
