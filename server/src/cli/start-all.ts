import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap, exitOnStartupError } from '../core/bootstrap.js';
import { logger } from '../core/logger.js';
import { databaseIsEmpty, readDemoLogins, seedDemo } from '../seed/demo.js';
import { ensureFirstAdmin } from '../users/first-admin.js';

/**
 * `npm start`: services (local MongoDB-compatible server and Redis when no URLs are set), demo
 * data on an empty database, then one server and one worker process.
 */
async function startAll() {
  const runtime = await bootstrap().catch(exitOnStartupError);
  const { config, services } = runtime;
  if (
    config.SEED_DEMO === 'auto' &&
    config.NODE_ENV !== 'production' &&
    (await databaseIsEmpty())
  ) {
    logger.info('empty database: seeding demo data');
    await seedDemo(config);
  }
  await ensureFirstAdmin(config);

  const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');
  const env = { ...process.env, MONGODB_URI: services.mongoUri, REDIS_URL: services.redisUrl };
  const children: ChildProcess[] = (['server', 'worker'] as const).map((role) =>
    spawn(process.execPath, ['--import', 'tsx', main, role], { env, stdio: 'inherit' }),
  );

  await waitForHttp(`http://127.0.0.1:${config.PORT}/healthz`);
  const logins = readDemoLogins(config);
  console.log(
    [
      '',
      'The contact centre is running.',
      `  Agent console  : ${config.PUBLIC_URL}/console/`,
      `  Demo page      : ${config.PUBLIC_URL}/demo`,
      `  Customer portal: ${config.PUBLIC_URL}/support`,
      `  API docs       : ${config.PUBLIC_URL}/api/openapi.json`,
      ...(logins.length
        ? [
            '  Demo logins    :',
            ...logins.map(
              (l) => `    ${l.email.padEnd(24)} ${l.password}  (${l.roles.join(', ')})`,
            ),
          ]
        : []),
      '  Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await runtime.close();
    process.exit(0);
  };
  const stopOrExit = (): void => {
    stop().catch((err: unknown) => {
      logger.fatal({ err }, 'stopping failed');
      process.exit(1);
    });
  };
  for (const child of children) {
    child.once('exit', (code) => {
      if (!stopping) {
        logger.error({ code }, 'a child process exited; stopping everything');
        stopOrExit();
      }
    });
  }
  process.on('SIGINT', stopOrExit);
  process.on('SIGTERM', stopOrExit);
}

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

startAll().catch(exitOnStartupError);
