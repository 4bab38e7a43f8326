import { ConfigError, loadConfig, useConfig, type Config } from './config.js';
import { connectMongo, disconnectMongo, syncIndexes } from './db.js';
import { logger } from './logger.js';
import { configurePhones } from './phone.js';
import { closeQueues, configureQueues } from './queues.js';
import { closeRedis, configureRedis, redis, waitForRedis } from './redis.js';
import { ensureServices, ServicesUnavailableError, type ServiceEndpoints } from './services.js';
import '../models.js';

export interface Runtime {
  config: Config;
  services: ServiceEndpoints;
  /** Closes queues, Redis and MongoDB, then stops services this process started. */
  close(): Promise<void>;
}

/** Shared start-up of every role: validated config, services found or started, connections open. */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  const config = useConfig(loadConfig(env));
  const services = await ensureServices({
    mongoUri: config.MONGODB_URI,
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
  });
  configureRedis(services.redisUrl, config.REDIS_PREFIX);
  configureQueues(config.REDIS_PREFIX);
  configurePhones(config.DEFAULT_PHONE_REGION);
  await connectMongo(services.mongoUri, config.MONGODB_DB);
  await waitForRedis(redis());
  await syncIndexes();
  return {
    config,
    services,
    async close() {
      await closeQueues();
      await closeRedis();
      await disconnectMongo();
      await services.stop();
    },
  };
}

/** Prints a start-up failure as one clear message and exits (no stack trace for known causes). */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof ConfigError || err instanceof ServicesUnavailableError) {
    console.error(`\n${err.message}\n`);
  } else {
    logger.fatal({ err }, 'start-up failed');
  }
  process.exit(1);
}
