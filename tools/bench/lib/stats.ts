/** Small statistics helpers shared by benchmarks. */

/** Nearest-rank percentile (q in [0, 1]) of an ascending-sorted, non-empty array. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample');
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * A latency histogram with integer-microsecond buckets: compact enough for a child process to
 * send over a pipe, and histograms from several processes merge exactly.
 */
export type MicrosHistogram = Map<number, number>;

export function histogramAdd(h: MicrosHistogram, micros: number, count = 1): void {
  h.set(micros, (h.get(micros) ?? 0) + count);
}

/** Nearest-rank percentile (q in [0, 1]) of a histogram, in microseconds. */
export function histogramPercentile(h: MicrosHistogram, q: number): number {
  const buckets = [...h.entries()].sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  if (total === 0) throw new Error('percentile of an empty histogram');
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [micros, count] of buckets) {
    seen += count;
    if (seen >= rank) return micros;
  }
  return buckets[buckets.length - 1]![0];
}

/** Rounds to `digits` significant-ish decimals for readable JSON. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
