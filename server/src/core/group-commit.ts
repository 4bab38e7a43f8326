import { inBackground } from './logger.js';
export interface GroupCommitOptions {
  maxBatch?: number;
  /**
   * Under load (the previous batch held more than one item), wait this long before writing the
   * next batch so more items join it. Fewer, larger batches cost the database far less CPU per
   * item; a lone write after a quiet spell still goes out at once.
   */
  lingerMs?: number;
}

/**
 * Group commit: a write that arrives while the previous batch is being written waits for the
 * next batch, which writes everything that piled up in one round trip. With nothing in flight a
 * write goes out at once, so a lone request pays no extra delay; under load the number of
 * database transactions falls from one per request to one per batch.
 *
 * `flush` gets the items in arrival order and answers one result per item, in the same order;
 * a thrown error rejects every caller of that batch.
 */
export function groupCommit<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  { maxBatch = 200, lingerMs = 0 }: GroupCommitOptions = {},
): (item: T) => Promise<R> {
  type Waiter = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  let waiting: Waiter[] = [];
  let flushing = false;
  let lastBatch = 0;

  async function drain(): Promise<void> {
    flushing = true;
    while (waiting.length) {
      if (lingerMs && lastBatch > 1 && waiting.length < maxBatch)
        await new Promise((r) => setTimeout(r, lingerMs));
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      lastBatch = batch.length;
      try {
        const results = await flush(batch.map((w) => w.item));
        if (results.length !== batch.length)
          throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (err) {
        batch.forEach((w) => w.reject(err));
      }
    }
    flushing = false;
    lastBatch = 0;
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!flushing) inBackground(drain(), 'group commit');
    });
}
