import { percentileSorted } from '../bench/lib/stats';

/** What one request ended as: an HTTP status (and error code, if the body named one), or no answer. */
export type Outcome = { readonly status: number; readonly code?: string } | { readonly status: 'timeout' | 'network' };

/** One request the mix chose: its route (a label for the report) and how to send it. */
export interface PlannedRequest {
  readonly route: string;
  send(signal: AbortSignal): Promise<Outcome>;
}

export interface OpenLoopOptions {
  readonly ratePerS: number;
  readonly durationMs: number;
  /**
   * Requests waiting for an answer beyond this are not sent: they are counted as `shed` at
   * their intended time (the generator, not the server, is saturated; the report says so).
   */
  readonly maxInFlight: number;
  readonly timeoutMs: number;
  /** The i-th request of the run (0-based), called at its intended send time. */
  readonly next: (i: number) => PlannedRequest;
  /** Milliseconds on a monotonic clock; default performance.now. */
  readonly now?: () => number;
  /** Ends the run early (no request is due after it aborts); `durationMs` is then the most it lasts. */
  readonly signal?: AbortSignal;
  /** A request slower than this, answered 5xx or not at all misses the SLO (RouteSecond.sloMisses). Default 300 ms. */
  readonly sloMs?: number;
}

/** One route during one second of intended send times. */
export interface RouteSecond {
  readonly count: number;
  /** Outcome -> count: `200`, `429 HUNT_ERR_RATE_LIMITED`, `timeout`, `network`. */
  readonly outcomes: ReadonlyMap<string, number>;
  /** Latency from the intended send time to the answer, ms (timeouts count as timeoutMs). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Requests slower than `sloMs`, answered 5xx, timed out or failed on the network (each once). */
  readonly sloMisses: number;
}

export interface LoadSecond {
  /** Seconds since the run started, by intended send time. */
  readonly second: number;
  readonly intended: number;
  readonly shed: number;
  readonly routes: ReadonlyMap<string, RouteSecond>;
}

const outcomeKey = (o: Outcome) =>
  typeof o.status === 'number' && 'code' in o && o.code ? `${o.status} ${o.code}` : String(o.status);

/**
 * An open-loop load generator: request i is due at start + i / rate, whether or not earlier
 * ones were answered, and its latency is measured from that intended time. A server that stalls
 * therefore shows the stall in every request that was due during it (a closed-loop client, such
 * as autocannon's connections, stops sending and hides it: coordinated omission), which is why
 * this is written here rather than taken from autocannon. Bounded: at most `maxInFlight`
 * requests wait at once, each aborted after `timeoutMs`.
 */
export async function runOpenLoop(opts: OpenLoopOptions): Promise<LoadSecond[]> {
  const now = opts.now ?? (() => performance.now());
  const sloMs = opts.sloMs ?? 300;
  const total = Math.floor((opts.ratePerS * opts.durationMs) / 1000);
  const intervalMs = 1000 / opts.ratePerS;
  const seconds: {
    intended: number;
    shed: number;
    routes: Map<string, { latencies: number[]; outcomes: Map<string, number>; sloMisses: number }>;
  }[] = [];
  const secondOf = (i: number) => {
    const s = Math.floor((i * intervalMs) / 1000);
    while (seconds.length <= s) seconds.push({ intended: 0, shed: 0, routes: new Map() });
    return seconds[s]!;
  };
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const start = now();

  const fire = (i: number) => {
    const bucket = secondOf(i);
    bucket.intended++;
    if (inFlight >= opts.maxInFlight) {
      bucket.shed++;
      return;
    }
    const intendedAt = start + i * intervalMs;
    const planned = opts.next(i);
    inFlight++;
    const signal = AbortSignal.timeout(opts.timeoutMs);
    const done = planned
      .send(signal)
      .catch((): Outcome => ({ status: signal.aborted ? 'timeout' : 'network' }))
      .then((outcome) => {
        const route =
          bucket.routes.get(planned.route) ??
          bucket.routes.set(planned.route, { latencies: [], outcomes: new Map(), sloMisses: 0 }).get(planned.route)!;
        const latency =
          outcome.status === 'timeout' ? Math.max(opts.timeoutMs, now() - intendedAt) : now() - intendedAt;
        route.latencies.push(latency);
        if (typeof outcome.status !== 'number' || outcome.status >= 500 || latency > sloMs) route.sloMisses++;
        const key = outcomeKey(outcome);
        route.outcomes.set(key, (route.outcomes.get(key) ?? 0) + 1);
      })
      .finally(() => {
        inFlight--;
        pending.delete(done);
      });
    pending.add(done);
  };

  let i = 0;
  while (i < total && !opts.signal?.aborted) {
    const t = now();
    while (i < total && start + i * intervalMs <= t && !opts.signal?.aborted) fire(i++);
    const wait = start + i * intervalMs - now();
    // setTimeout has a 1 ms floor; when behind, yield to I/O without sleeping.
    await new Promise<void>((resolve) => (wait >= 1 ? setTimeout(resolve, Math.floor(wait)) : setImmediate(resolve)));
  }
  await Promise.all(pending);

  return seconds.map((s, second) => ({
    second,
    intended: s.intended,
    shed: s.shed,
    routes: new Map(
      [...s.routes].map(([route, r]) => {
        const sorted = Float64Array.from(r.latencies).sort();
        return [
          route,
          {
            count: sorted.length,
            outcomes: r.outcomes,
            p50Ms: percentileSorted(sorted, 0.5),
            p99Ms: percentileSorted(sorted, 0.99),
            maxMs: sorted[sorted.length - 1]!,
            sloMisses: r.sloMisses,
          },
        ];
      }),
    ),
  }));
}
