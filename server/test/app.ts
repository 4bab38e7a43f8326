import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { inject } from 'vitest';
import { bootstrap, type Runtime } from '../src/core/bootstrap.js';
import { startHub } from '../src/core/http/server.js';
import { redis, redisKey } from '../src/core/redis.js';
import { User, type UserDoc } from '../src/users/model.js';
import { hashPassword } from '../src/users/password.js';

export interface TestApp {
  runtime: Runtime;
  server: http.Server;
  url: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The environment a test process (or a child process it spawns) runs with: own database and key prefix. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  const id = randomBytes(4).toString('hex');
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: inject('mongoUri'),
    REDIS_URL: inject('redisUrl'),
    MONGODB_DB: `t_${id}`,
    REDIS_PREFIX: `t_${id}`,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cc-data-')),
    PORT: '0',
    ...extra,
  };
}

/** A real server (HTTP + socket.io) on a free port, against the real services. */
export async function startTestApp(
  extra: Record<string, string> = {},
  shared?: Record<string, string>,
): Promise<TestApp> {
  const env = shared ?? testEnv(extra);
  const runtime = await bootstrap(env);
  const hub = await startHub(runtime.config, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${hub.port}`;
  return {
    runtime,
    server: hub.server,
    url,
    env,
    async close() {
      await hub.stop();
      await mongoose.connection.db?.dropDatabase();
      const keys = await redis().keys(`${redisKey()}:*`);
      if (keys.length) await redis().del(...keys);
      await runtime.close();
    },
  };
}

let counter = 0;

/** Factory: a staff user with a known password. */
export async function makeUser(
  fields: Partial<Pick<UserDoc, 'roles' | 'groups' | 'displayName' | 'maxConcurrent' | 'phone'>> & {
    email?: string;
  } = {},
): Promise<UserDoc & { password: string }> {
  const password = 'correct horse battery';
  counter += 1;
  const user = await User.create({
    email: fields.email ?? `user${counter}-${randomBytes(3).toString('hex')}@test.local`,
    passwordHash: await hashPassword(password),
    displayName: fields.displayName ?? `Test user ${counter}`,
    roles: fields.roles ?? ['expert'],
    groups: fields.groups ?? [],
    maxConcurrent: fields.maxConcurrent ?? null,
    phone: fields.phone ?? null,
  });
  return { ...(user.toObject() as UserDoc), password };
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  cookie: string;
}

/** Signs in through the real login route; the agent keeps the cookie, csrf goes on unsafe calls. */
export async function signIn(
  app: TestApp,
  user: { email: string; password: string },
): Promise<SignedIn> {
  const agent = request.agent(app.url);
  const res = await agent
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  return { agent, csrf: res.body.csrfToken as string, cookie: setCookie[0]!.split(';')[0]! };
}
