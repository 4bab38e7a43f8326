import { bootstrap, exitOnStartupError, type Runtime } from './core/bootstrap.js';
import { startHub } from './core/http/server.js';
import { logger } from './core/logger.js';
import { ensureFirstAdmin } from './users/first-admin.js';
import { startProcessors, stopProcessors } from './worker.js';

type Role = 'server' | 'worker';

async function runServer(runtime: Runtime) {
  const { config } = runtime;
  await ensureFirstAdmin(config);
  const hub = await startHub(config);
  logger.info({ port: hub.port, url: config.PUBLIC_URL }, 'server: listening');
  return hub.stop;
}

async function runWorker() {
  const names = startProcessors();
  logger.info({ queues: names }, 'worker: processing');
  return stopProcessors;
}

async function main() {
  const role = process.argv[2] as Role;
  if (role !== 'server' && role !== 'worker') {
    console.error('usage: main.ts server|worker');
    process.exit(2);
  }
  process.env.CC_ROLE = role;
  const runtime = await bootstrap().catch(exitOnStartupError);
  const stopRole = await (role === 'server' ? runServer(runtime) : runWorker());

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${role}: shutting down`);
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, runtime.config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await stopRole();
    await runtime.close();
    process.exit(0);
  };
  const onSignal = (signal: string) =>
    shutdown(signal).catch((err: unknown) => {
      logger.fatal({ err }, `${role}: shutdown failed`);
      process.exit(1);
    });
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch(exitOnStartupError);
