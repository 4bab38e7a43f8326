/** What every benchmark script needs: its arguments, percentiles, and server processes to load. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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

/**
 * Runs `node --import tsx <args>` with PORT set to a free port (HOST loopback, LOG_LEVEL warn,
 * `env` on top of ours) and waits up to a minute until its /healthz answers.
 */
export async function spawnHttpProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
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
