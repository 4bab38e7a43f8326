/** What every benchmark script needs: its arguments, percentiles, and server processes to load. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort } from '../server/src/core/services.js';

/** The server's entry point (`server` and `worker` roles). */
export const MAIN = path.resolve(import.meta.dirname, '../server/src/main.ts');

/** `--name 12` on the command line, else the fallback. */
export const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The p-th percentile (nearest rank) of the values; NaN when there are none. */
export const pct = (xs: readonly number[], p: number): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A process started with the inspector on loopback, so the benchmark can collect its garbage. */
export interface Inspected {
  child: ChildProcess;
  inspectPort: number;
}

/** `--inspect` on a free loopback port, for `steadyRssKb`. */
export async function inspectArgs(): Promise<{ args: string[]; inspectPort: number }> {
  const inspectPort = await freePort();
  return { args: [`--inspect=127.0.0.1:${inspectPort}`], inspectPort };
}

const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** Runs a full garbage collection in the process, through its inspector (DevTools protocol). */
async function collectGarbage(inspectPort: number): Promise<void> {
  const [target] = (await (
    await fetch(`http://127.0.0.1:${inspectPort}/json/list`)
  ).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const ws = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  for (const id of [1, 2]) {
    const done = new Promise<void>((resolve) =>
      ws.on('message', (raw: Buffer) => {
        if ((JSON.parse(raw.toString()) as { id?: number }).id === id) resolve();
      }),
    );
    ws.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
    await done;
  }
  ws.close();
}

/**
 * The process's resident memory after full garbage collections, in KB: what its live objects
 * hold, without the garbage a burst of work left behind (which moves RSS by tens of MB between
 * otherwise identical runs).
 */
export async function steadyRssKb(p: Inspected): Promise<number> {
  await collectGarbage(p.inspectPort);
  await sleep(500);
  return rssKb(p.child.pid!);
}

/**
 * Runs `node --import tsx <args>` with PORT set to a free port (HOST loopback, LOG_LEVEL warn,
 * `env` on top of ours) and waits up to a minute until its /healthz answers; `nodeArgs` go
 * before the script (e.g. `inspectArgs()`).
 */
export async function spawnHttpProcess(
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGTERM');
  throw new Error(`${args.join(' ')} did not answer on ${url}/healthz`);
}
