/**
 * Fixed-bucket duration histograms. Rollups keep one per cell, so medians and p90 of any union of
 * cells come from adding bucket counts: no raw durations are read when a report is asked for.
 */

/** Upper edges in seconds (exclusive); the last bucket is open-ended. */
export const BUCKET_EDGES_SEC: readonly number[] = [
  30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10_800, 14_400, 21_600,
  28_800, 43_200, 86_400, 129_600, 172_800, 259_200, 345_600, 432_000, 604_800, 1_209_600,
  2_592_000,
];
export const BUCKETS = BUCKET_EDGES_SEC.length + 1;

export const emptyHistogram = (): number[] => new Array<number>(BUCKETS).fill(0);

export function bucketOf(seconds: number): number {
  const i = BUCKET_EDGES_SEC.findIndex((edge) => seconds < edge);
  return i === -1 ? BUCKET_EDGES_SEC.length : i;
}

/** Adds a sparse histogram (bucket index -> count) into a dense one. */
export function addTo(target: number[], source: Readonly<Record<string, number>>): void {
  for (const [i, n] of Object.entries(source)) target[Number(i)] = (target[Number(i)] ?? 0) + n;
}

/**
 * The q-quantile (0 < q <= 1) as the upper edge of the bucket holding the ceil(q*n)-th value, so a
 * reported median of 300 reads "half answered within 5 minutes". In the open last bucket the
 * answer is its lower edge. null when the histogram is empty.
 */
export function quantile(histogram: readonly number[], q: number): number | null {
  const n = histogram.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= rank) return BUCKET_EDGES_SEC[i] ?? BUCKET_EDGES_SEC.at(-1)!;
  }
  return BUCKET_EDGES_SEC.at(-1)!;
}
