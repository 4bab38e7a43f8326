import mongoose from 'mongoose';
import { logger } from './logger.js';

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
