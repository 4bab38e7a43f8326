/**
 * Inbound SMS webhook benchmark (issue 4): signed Twilio webhooks at 50 concurrent connections
 * for 30 s (new and repeat senders, 10% duplicates) against the real server, and at the same load
 * a bare express endpoint doing one insertOne into the same database per request.
 *
 *   npx tsx bench/webhooks/run.ts [--seconds 30] [--connections 50] [--duplicates 0.1]
 *                                  [--drain-timeout 1800] [--worker-after-load]
 *
 * The webhook stores the form in the SMS inbox and answers; a worker process (started with the
 * server, sharing the machine) turns rows into messages. After the load the run waits for the
 * inbox to drain, then counts messages: stored (= unique SIDs answered 200), duplicates, lost.
 * Prints requests/s, p50/p99, the ratio to the bare endpoint, the drain time and the processing
 * rate (messages per second from the first webhook to the last row processed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import twilio from 'twilio';
import { bootstrap } from '../../server/src/core/bootstrap.js';
import { ensureServices } from '../../server/src/core/services.js';
import { SmsInbox } from '../../server/src/channels/sms/inbox.model.js';
import { Message } from '../../server/src/tickets/message.model.js';
import { MAIN, arg, pct, spawnHttpProcess } from '../lib.js';

const SECONDS = arg('seconds', 30);
const CONNECTIONS = arg('connections', 50);
const DUPLICATES = arg('duplicates', 0.1);
const DRAIN_TIMEOUT_S = arg('drain-timeout', 1800);
/** --worker-after-load: the worker starts when the load ends (a worker on other cores, as in production). */
const WORKER_AFTER_LOAD = process.argv.includes('--worker-after-load');
/** Share of new messages from a sender who texted before (their contact and open ticket exist). */
const REPEAT_SENDERS = 0.6;
const PUBLIC_URL = 'https://support.example.com';
const SMS_PATH = '/webhooks/twilio/sms';
const SUPPORT_NUMBER = '+982112345678';
const here = path.dirname(fileURLToPath(import.meta.url));
const BARE = path.resolve(here, 'bare.ts');

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const mobile = () => `+98912${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;

function spawnWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Waits until no inbox row is unprocessed (checked twice, a second apart); returns the seconds it
 * took after the load ended, or null on time-out, and the processing figures from the rows.
 */
async function drain(): Promise<{
  seconds: number | null;
  processed: number;
  rate: number;
  pendingLeft: number;
}> {
  const t0 = Date.now();
  let seconds: number | null = null;
  let pendingLeft = 0;
  for (let zeroes = 0; Date.now() - t0 < DRAIN_TIMEOUT_S * 1000;) {
    pendingLeft = await SmsInbox.countDocuments({ processedAt: null });
    zeroes = pendingLeft === 0 ? zeroes + 1 : 0;
    if (zeroes === 2) {
      seconds = (Date.now() - t0 - 1000) / 1000;
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  // Read back and reduced here: $min / $max in $group are not among FerretDB's safe operators.
  const rows = await SmsInbox.find(
    { processedAt: { $ne: null } },
    { receivedAt: 1, processedAt: 1 },
  ).lean<Array<{ receivedAt: Date; processedAt: Date }>>();
  const processed = rows.length;
  const first = Math.min(...rows.map((r) => r.receivedAt.getTime()));
  const last = Math.max(...rows.map((r) => r.processedAt.getTime()));
  const rate = processed ? processed / ((last - first) / 1000) : 0;
  return { seconds, processed, rate, pendingLeft };
}

interface RunResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Error answers by status ("network" when none came). */
  errorStatuses: Record<string, number>;
  /** SIDs answered 200 at least once. */
  acknowledged: Set<string>;
  duplicatesSent: number;
}

/** CONNECTIONS workers, each sending one signed webhook after another for SECONDS. */
async function load(url: string, authToken: string, accountSid: string): Promise<RunResult> {
  const senders: string[] = [];
  const sent: Array<Record<string, string>> = [];
  const latencies: number[] = [];
  const acknowledged = new Set<string>();
  let errors = 0;
  const errorStatuses: Record<string, number> = {};
  const failed = (status: string) => {
    errors += 1;
    errorStatuses[status] = (errorStatuses[status] ?? 0) + 1;
  };
  let duplicatesSent = 0;
  const end = Date.now() + SECONDS * 1000;
  const nextParams = () => {
    if (sent.length && Math.random() < DUPLICATES) {
      duplicatesSent += 1;
      return sent[Math.floor(Math.random() * sent.length)]!;
    }
    const repeat = senders.length > 0 && Math.random() < REPEAT_SENDERS;
    const from = repeat ? senders[Math.floor(Math.random() * senders.length)]! : mobile();
    if (!repeat) senders.push(from);
    const params = {
      MessageSid: `SM${hex(16)}`,
      AccountSid: accountSid,
      From: from,
      To: SUPPORT_NUMBER,
      Body: `bench message ${hex(4)}`,
      NumMedia: '0',
    };
    sent.push(params);
    return params;
  };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const params = nextParams();
        const signature = twilio.getExpectedTwilioSignature(
          authToken,
          PUBLIC_URL + SMS_PATH,
          params,
        );
        const t0 = performance.now();
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-twilio-signature': signature,
            },
            body: new URLSearchParams(params).toString(),
          });
          await res.text();
          latencies.push(performance.now() - t0);
          if (res.ok) acknowledged.add(params.MessageSid);
          else failed(String(res.status));
        } catch {
          failed('network');
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    errors,
    errorStatuses,
    acknowledged,
    duplicatesSent,
  };
}

/** Stored rows per SID among the acknowledged ones: lost = acknowledged but absent. */
async function stored(
  collection: string,
  sidField: string,
  acknowledged: Set<string>,
): Promise<{ rows: number; unique: number; duplicates: number; lost: number }> {
  const groups = await mongoose.connection
    .db!.collection(collection)
    .aggregate<{ _id: string; n: number }>([{ $group: { _id: `$${sidField}`, n: { $sum: 1 } } }])
    .toArray();
  const bySid = new Map(groups.map((g) => [g._id, g.n]));
  let lost = 0;
  for (const sid of acknowledged) if (!bySid.has(sid)) lost += 1;
  const rows = groups.reduce((a, g) => a + g.n, 0);
  return { rows, unique: groups.length, duplicates: rows - groups.length, lost };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
  const services = await ensureServices({
    dataDir,
    mongoPort: 0,
    mongoUri: process.env.MONGODB_URI || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
  });
  const id = hex(3);
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: `bench_${id}`,
    REDIS_PREFIX: `bench_${id}`,
    DATA_DIR: dataDir,
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_SMS_NUMBERS: SUPPORT_NUMBER,
  };
  process.env.LOG_LEVEL = 'warn';
  const runtime = await bootstrap(env);
  const children: ChildProcess[] = [];
  try {
    console.log(
      `${CONNECTIONS} connections, ${SECONDS} s each, ${DUPLICATES * 100}% duplicates, ` +
        `${REPEAT_SENDERS * 100}% of new messages from repeat senders`,
    );
    const bare = await spawnHttpProcess([BARE], env);
    children.push(bare.child);
    const bareRun = await load(`${bare.url}/webhook`, authToken, accountSid);
    const bareStored = await stored('bare_webhooks', 'sid', bareRun.acknowledged);
    bare.child.kill('SIGTERM');

    const server = await spawnHttpProcess([MAIN, 'server'], env);
    children.push(server.child);
    if (!WORKER_AFTER_LOAD) children.push(spawnWorker(env));
    const realRun = await load(`${server.url}${SMS_PATH}`, authToken, accountSid);
    if (WORKER_AFTER_LOAD) children.push(spawnWorker(env));
    console.log(
      `load done: ${realRun.acknowledged.size} SIDs acknowledged; waiting for the inbox to drain`,
    );
    const drained = await drain();
    const realStored = await stored(
      Message.collection.collectionName,
      'externalId',
      realRun.acknowledged,
    );

    const row = (name: string, r: RunResult, s: Awaited<ReturnType<typeof stored>>) =>
      `| ${name} | ${r.requests} | ${r.rps.toFixed(0)}/s | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ` +
      `${r.acknowledged.size} | ${s.rows} | ${s.duplicates} | ${s.lost} |`;
    console.log('');
    console.log(
      '| endpoint | requests | throughput | p50 | p99 | errors | unique SIDs acknowledged | rows stored | duplicate rows (the bare endpoint does not deduplicate) | lost |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('bare express + insertOne', bareRun, bareStored));
    console.log(
      row(
        'SMS webhook (signed, inbox insert + job; worker: contact + ticket + message + log)',
        realRun,
        realStored,
      ),
    );
    const ratio = realRun.rps / bareRun.rps;
    console.log('');
    console.log(`ratio: ${ratio.toFixed(2)}x the bare endpoint's throughput (target >= 0.3x)`);
    for (const [name, r] of [
      ['bare', bareRun],
      ['SMS webhook', realRun],
    ] as const)
      if (r.errors)
        console.log(`${name} error answers by status: ${JSON.stringify(r.errorStatuses)}`);
    console.log(`p99: ${ms(realRun.p99)} (target <= 100 ms); lost: ${realStored.lost} (target 0)`);
    console.log(
      drained.seconds === null
        ? `drain: NOT drained after ${DRAIN_TIMEOUT_S} s (${drained.pendingLeft} rows unprocessed)`
        : `drain: inbox empty ${drained.seconds.toFixed(1)} s after the load ended`,
    );
    console.log(
      `processing: ${drained.processed} rows, ${drained.rate.toFixed(1)} messages/s ` +
        `(first webhook to last row processed, worker ${WORKER_AFTER_LOAD ? 'started after' : 'running during'} the load)`,
    );
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) =>
            c.exitCode !== null || c.signalCode !== null
              ? resolve()
              : (c.once('exit', () => resolve()), c.kill('SIGTERM')),
          ),
      ),
    );
    await mongoose.connection.db?.dropDatabase();
    await runtime.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
