/**
 * Events per second over a sliding window, counted by each event's own timestamp (not by when
 * it was delivered, which comes in batches). Counts sit in fixed-width buckets on a ring, so
 * memory is O(window / bucket) whatever the event rate and `add` is O(1).
 */
export interface RateWindow {
  /**
   * Counts `n` events (default 1) that happened at `atMs` (Unix ms). Events before the window's
   * `startMs`, or older than the ring holds, are not counted.
   */
  add(atMs: number, n?: number): void;
  /**
   * Events per second over the `windowMs` ending `settleMs` before `nowMs` (rounded down to a
   * bucket edge), divided by the span actually covered: shorter than `windowMs` until counting
   * has run that long. Undefined while no span is covered yet.
   */
  perSecond(nowMs: number): number | undefined;
  /** The ring's length in buckets, fixed at creation: the whole of the window's memory. */
  readonly slots: number;
}

export interface RateWindowOptions {
  /** When counting began (Unix ms): time before it is part of no span. */
  readonly startMs: number;
  /** Default 5000; a multiple of bucketMs. */
  readonly windowMs?: number;
  /**
   * How late an event may be delivered and still count (default 1000; a multiple of bucketMs).
   * The window ends this long before now, so delivery lag does not make a steady rate read low.
   */
  readonly settleMs?: number;
  /** Default 100. */
  readonly bucketMs?: number;
}

export function createRateWindow(opts: RateWindowOptions): RateWindow {
  const { startMs, windowMs = 5000, settleMs = 1000, bucketMs = 100 } = opts;
  if (!(bucketMs > 0) || !(windowMs > 0) || windowMs % bucketMs !== 0 || settleMs < 0 || settleMs % bucketMs !== 0)
    throw new RangeError(`rate window: windowMs and settleMs must be multiples of bucketMs ${bucketMs}`);
  const windowBuckets = windowMs / bucketMs;
  // The window, the settle span, and the bucket still filling now.
  const slots = windowBuckets + settleMs / bucketMs + 1;
  // Which bucket (floor(atMs / bucketMs)) each slot counts; -1: none yet.
  const bucketOf = new Float64Array(slots).fill(-1);
  const counts = new Float64Array(slots);
  return {
    slots,
    add(atMs, n = 1) {
      if (!(atMs >= startMs)) return;
      const bucket = Math.floor(atMs / bucketMs);
      const slot = bucket % slots;
      if (bucketOf[slot] === bucket) counts[slot]! += n;
      else if (bucketOf[slot]! < bucket) {
        bucketOf[slot] = bucket;
        counts[slot] = n;
      }
      // Otherwise the slot already counts a newer bucket: the event is older than the ring.
    },
    perSecond(nowMs) {
      const endBucket = Math.floor((nowMs - settleMs) / bucketMs); // exclusive
      const firstBucket = endBucket - windowBuckets;
      const from = Math.max(firstBucket * bucketMs, startMs);
      const spanMs = endBucket * bucketMs - from;
      if (spanMs <= 0) return undefined;
      let sum = 0;
      for (let s = 0; s < slots; s++) {
        const bucket = bucketOf[s]!;
        if (bucket >= firstBucket && bucket < endBucket) sum += counts[s]!;
      }
      return sum / (spanMs / 1000);
    },
  };
}
