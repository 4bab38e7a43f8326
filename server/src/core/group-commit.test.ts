import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.js';

/** A flush whose batches are released by the test, to see what piles up behind a running one. */
function gatedFlush() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const flush = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((release) => gates.push(release));
    return items.map((n) => n * 10);
  };
  const releaseNext = async () => {
    while (!gates.length) await new Promise((r) => setImmediate(r));
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, flush, releaseNext };
}

describe('groupCommit', () => {
  it('writes a lone item at once and batches what arrives while a flush runs', async () => {
    const { batches, flush, releaseNext } = gatedFlush();
    const write = groupCommit(flush);
    const first = write(1);
    const rest = [write(2), write(3), write(4)];
    expect(batches).toEqual([[1]]);
    await releaseNext();
    expect(await first).toBe(10);
    await releaseNext();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatch and keeps arrival order', async () => {
    const { batches, flush, releaseNext } = gatedFlush();
    const write = groupCommit(flush, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => write(n));
    for (let i = 0; i < 3; i++) await releaseNext();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('rejects only the callers of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const write = groupCommit(async (items: string[]) => {
      calls += 1;
      if (items.includes('bad')) throw new Error('disk full');
      return items.map((s) => s.toUpperCase());
    });
    const results = await Promise.allSettled([write('bad'), write('a'), write('b')]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { message: 'disk full' } });
    expect(results.slice(1)).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'fulfilled', value: 'B' },
    ]);
    expect(calls).toBe(2);
  });

  it('under load lingers before the next batch so later arrivals join it; quiet again, no wait', async () => {
    const { batches, flush, releaseNext } = gatedFlush();
    const write = groupCommit(flush, { lingerMs: 50 });
    const all = [write(1), write(2), write(3)];
    await releaseNext(); // [1]
    all.push(write(4)); // waits behind [2, 3]
    await releaseNext(); // [2, 3]: a batch of two means load, so the next one lingers
    all.push(write(5)); // arrives during the linger and joins [4]
    await releaseNext(); // [4, 5]
    await Promise.all(all);
    const quiet = write(6);
    expect(batches.at(-1)).toEqual([6]); // written at once, no linger after a quiet spell
    await releaseNext();
    await quiet;
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('rejects a batch whose flush answers the wrong number of results', async () => {
    const write = groupCommit(async (items: number[]) => items.slice(1));
    await expect(write(1)).rejects.toThrow(/0 results for 1 items/);
  });
});
