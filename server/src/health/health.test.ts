import { spawn, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { freePort, redisAnswers } from '../core/services.js';

let redisPort: number;
let redisServer: ChildProcess | undefined;
let app: TestApp;

async function startRedis() {
  redisServer = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50 && !(await redisAnswers(`redis://127.0.0.1:${redisPort}`)); i++)
    await new Promise((r) => setTimeout(r, 100));
}

async function stopRedis() {
  const child = redisServer!;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function eventually(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

beforeAll(async () => {
  redisPort = await freePort();
  await startRedis();
  app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
});
afterAll(async () => {
  if (!(await redisAnswers(`redis://127.0.0.1:${redisPort}`))) await startRedis();
  await app.close();
  await stopRedis();
});

describe('health', () => {
  it('/healthz answers while the process lives', async () => {
    expect((await request(app.url).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 503 while Redis is stopped and 200 again once it is back', async () => {
    const ready = await request(app.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { mongo: true, redis: true } });
    // Without Twilio settings the SMS channel is off and says why.
    expect(ready.body.channels.sms).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/TWILIO/),
    });

    await stopRedis();
    const down = await request(app.url).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body.checks).toEqual({ mongo: true, redis: false });

    await startRedis();
    expect(
      await eventually(async () => (await request(app.url).get('/readyz')).status === 200),
    ).toBe(true);
  });
});
