import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../src/core/services.js';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

export interface HubProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: string[]) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`process exited early:\n${output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url}:\n${output.join('')}`);
}

/** A real `main.ts server|worker` child process sharing the test's database and Redis prefix. */
export async function spawnRole(
  role: 'server' | 'worker',
  env: Record<string, string>,
): Promise<HubProcess> {
  const port = role === 'server' ? await freePort() : 0;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, role], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  if (role === 'server') await waitForHealth(url, child, output);
  return {
    child,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
