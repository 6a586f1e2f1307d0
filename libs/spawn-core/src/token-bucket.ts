/**
 * A token bucket with an explicit clock: `ratePerS` tokens per second, at most `burst` saved.
 * What does not fit is refused, never queued: the caller drops and counts it. This is what
 * keeps a config change from flooding the bus: whatever the curves ask for, at most
 * rate x t + burst events leave in any window t.
 */
export interface TokenBucket {
  /** Takes up to `wanted` tokens at `nowMs`; returns how many were granted. */
  take(wanted: number, nowMs: number): number;
  /** Changes the refill rate (e.g. when the number of live replicas changes). */
  setRate(ratePerS: number, nowMs: number): void;
  readonly ratePerS: number;
}

export function createTokenBucket(opts: { ratePerS: number; burst: number; nowMs: number }): TokenBucket {
  let rate = opts.ratePerS;
  let tokens = opts.burst;
  let last = opts.nowMs;
  const refill = (nowMs: number) => {
    if (nowMs > last) {
      tokens = Math.min(opts.burst, tokens + ((nowMs - last) / 1000) * rate);
      last = nowMs;
    }
  };
  return {
    take(wanted, nowMs) {
      refill(nowMs);
      const granted = Math.max(0, Math.min(wanted, Math.floor(tokens)));
      tokens -= granted;
      return granted;
    },
    setRate(ratePerS, nowMs) {
      refill(nowMs);
      rate = ratePerS;
    },
    get ratePerS() {
      return rate;
    },
  };
}
