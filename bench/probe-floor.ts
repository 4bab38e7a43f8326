import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { ensureServices } from '../server/src/core/services.js';

const svc = await ensureServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'probe-')), mongoPort: 0, redisUrl: 'redis://127.0.0.1:6379' });
const client = await MongoClient.connect(svc.mongoUri, { maxPoolSize: 60 });
const col = client.db('probe').collection('messages');
await col.insertOne({ warm: true });
const doc = () => ({ _id: new ObjectId(), ticket: new ObjectId(), channel: 'webchat', direction: 'in', author: { kind: 'contact', id: new ObjectId() }, text: 'سلام، پمپ آب صدا می‌دهد and leaks a bit', externalId: 'v:' + Math.random(), attachments: [], createdAt: new Date(), readAt: null });
for (const batch of [1, 10, 50, 200]) {
  for (const conc of [1, 8, 50]) {
    const t0 = Date.now(); let n = 0;
    const until = t0 + 3000;
    await Promise.all(Array.from({ length: conc }, async () => {
      while (Date.now() < until) { await col.insertMany(Array.from({ length: batch }, doc)); n += batch; }
    }));
    console.log(`batch ${batch} x ${conc} concurrent: ${(n / ((Date.now() - t0) / 1000)).toFixed(0)} docs/s`);
  }
}
await client.close(); await svc.stop();
