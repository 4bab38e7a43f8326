import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { repoRoot } from './config.js';
import { logger } from './logger.js';

/**
 * The one place that decides where MongoDB and Redis come from (DESIGN.md "Services"):
 * MONGODB_URI / REDIS_URL when set; else a `mongod` on PATH; else FerretDB (SQLite backend)
 * built from tools/ferretdb; Redis on 127.0.0.1:6379 or a `redis-server` from PATH.
 */
export interface ServiceEndpoints {
  mongoUri: string;
  redisUrl: string;
  /** Stops only what this call started. */
  stop(): Promise<void>;
}

export interface EnsureServicesOptions {
  mongoUri?: string;
  redisUrl?: string;
  dataDir: string;
  /** 0 picks a free port (tests); a fixed port is reused when something MongoDB-like already answers. */
  mongoPort?: number;
  redisPort?: number;
}

export class ServicesUnavailableError extends Error {}

const FERRETDB_DIR = path.join(repoRoot, 'tools', 'ferretdb');
const CACHE_DIR = process.env.CC_CACHE_DIR || path.join(repoRoot, '.cache');

export async function ensureServices(opts: EnsureServicesOptions): Promise<ServiceEndpoints> {
  const started: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map(stopChild));
  };
  try {
    const mongoUri = opts.mongoUri ?? (await localMongo(opts, started));
    const redisUrl = opts.redisUrl ?? (await localRedis(opts, started));
    return { mongoUri, redisUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function localMongo(opts: EnsureServicesOptions, started: ChildProcess[]): Promise<string> {
  const wanted = opts.mongoPort ?? 27017;
  if (wanted !== 0 && (await mongoAnswers(`mongodb://127.0.0.1:${wanted}/`))) {
    logger.info({ port: wanted }, 'services: using the MongoDB-compatible server already running');
    return `mongodb://127.0.0.1:${wanted}/`;
  }
  const port = wanted === 0 ? await freePort() : wanted;
  const uri = `mongodb://127.0.0.1:${port}/`;
  const mongod = which('mongod');
  if (mongod) {
    const dbPath = path.join(opts.dataDir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    started.push(
      startChild('mongod', mongod, [
        '--dbpath',
        dbPath,
        '--port',
        String(port),
        '--bind_ip',
        '127.0.0.1',
      ]),
    );
  } else {
    const binary = ferretdbBinary();
    const dataPath = path.join(opts.dataDir, 'ferretdb');
    mkdirSync(dataPath, { recursive: true });
    started.push(
      startChild('ferretdb', binary, ['-listen', `127.0.0.1:${port}`, '-data', dataPath]),
    );
  }
  await waitFor(() => mongoAnswers(uri), `MongoDB-compatible server on port ${port}`);
  logger.info({ uri, engine: mongod ? 'mongod' : 'ferretdb-sqlite' }, 'services: MongoDB ready');
  return uri;
}

async function localRedis(opts: EnsureServicesOptions, started: ChildProcess[]): Promise<string> {
  const wanted = opts.redisPort ?? 6379;
  if (wanted !== 0 && (await redisAnswers(`redis://127.0.0.1:${wanted}`))) {
    return `redis://127.0.0.1:${wanted}`;
  }
  const server = which('redis-server');
  if (!server) {
    throw new ServicesUnavailableError(
      'No Redis: nothing answers on 127.0.0.1:6379 and redis-server is not on PATH. ' +
        'Install it (apt-get install redis-server) or set REDIS_URL.',
    );
  }
  const port = wanted === 0 ? await freePort() : wanted;
  started.push(
    startChild('redis', server, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]),
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(() => redisAnswers(url), `Redis on port ${port}`);
  return url;
}

/** Builds the FerretDB wrapper once per version of tools/ferretdb (hash of its Go sources). */
export function ferretdbBinary(): string {
  const sources = readdirSync(FERRETDB_DIR)
    .filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum')
    .sort();
  const hash = createHash('sha256');
  for (const file of sources) hash.update(file).update(readFileSync(path.join(FERRETDB_DIR, file)));
  const version = hash.digest('hex').slice(0, 12);
  const binary = path.join(CACHE_DIR, `ferretdb-${version}`);
  if (existsSync(binary)) return binary;
  const go = which('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!go) {
    throw new ServicesUnavailableError(
      'No MongoDB: MONGODB_URI is not set, mongod is not on PATH, and Go (1.24+) is missing to ' +
        'build the local FerretDB server. Set MONGODB_URI, install mongod, or install Go.',
    );
  }
  logger.info({ binary }, 'services: building FerretDB (first run only, takes a minute)');
  mkdirSync(CACHE_DIR, { recursive: true });
  const result = spawnSync(go, ['build', '-o', binary, '.'], {
    cwd: FERRETDB_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (result.status !== 0) {
    throw new ServicesUnavailableError(
      `Building FerretDB with ${go} failed (exit ${result.status}).`,
    );
  }
  return binary;
}

function startChild(name: string, cmd: string, args: string[]): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 20) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGINT') {
      logger.error({ name, code, signal, output: tail.join('').slice(-2000) }, 'services: exited');
    }
  });
  process.once('exit', () => child.kill('SIGTERM'));
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, cmd);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

export async function mongoAnswers(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: 500,
    connectTimeoutMS: 500,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ServicesUnavailableError(`${what} did not start within ${timeoutMs / 1000}s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
