import mongoose, { type mongo } from 'mongoose';
import { isDuplicateKeyError } from './errors.js';
import { logger } from './logger.js';

type Collection = mongo.Collection;

mongoose.set('strictQuery', true);
// Indexes are created explicitly by syncIndexes() at start-up, not on first use.
mongoose.set('autoIndex', false);

export async function connectMongo(uri: string, dbName: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
  logger.debug({ dbName }, 'mongo: connected');
  return mongoose;
}

/** Creates the indexes every model declares (idempotent; unique ones guard identity). */
export async function syncIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}

export async function mongoReady(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

/**
 * Inserts the rows unordered in one round trip and answers the positions refused as duplicates
 * (a retry, also twice in one batch); any other refusal fails the whole call.
 */
export async function insertKeepingDuplicates(
  collection: Collection,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<Set<number>> {
  try {
    await collection.insertMany(rows as Record<string, unknown>[], { ordered: false });
    return new Set();
  } catch (err) {
    const { writeErrors } = err as {
      writeErrors?: Array<{ index: number; code?: number; errmsg?: string }>;
    };
    const duplicate = (e: { code?: number; errmsg?: string }) =>
      isDuplicateKeyError({ code: e.code, message: e.errmsg });
    if (!writeErrors?.length || !writeErrors.every(duplicate)) throw err;
    return new Set(writeErrors.map((e) => e.index));
  }
}
