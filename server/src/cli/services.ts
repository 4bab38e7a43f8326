import { loadConfig } from '../core/config.js';
import { exitOnStartupError } from '../core/bootstrap.js';
import { ensureServices } from '../core/services.js';

/** `npm run services`: start (or find) MongoDB-compatible server and Redis, print their URLs, keep running. */
async function run() {
  const config = loadConfig();
  const services = await ensureServices({
    mongoUri: config.MONGODB_URI,
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
  });
  console.log(`MONGODB_URI=${services.mongoUri}\nREDIS_URL=${services.redisUrl}`);
  const stop = () =>
    services.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch(exitOnStartupError);
