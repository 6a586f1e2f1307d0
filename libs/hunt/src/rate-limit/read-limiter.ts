import { secondsToWindowEnd, type RateQuota } from './rate-limit-headers';

/**
 * Shared counters behind the per-player limit (Redis in production).
 * @throws when the store cannot answer; the limiter owns retries (the next sync round).
 */
export interface CounterSync {
  /** Adds each delta to its counter, which expires after `ttlMs`; resolves the new totals in order. */
  add(entries: readonly { readonly key: string; readonly delta: number }[], ttlMs: number): Promise<number[]>;
}

export interface ReadLimiter {
  /** Whether the player may make one more read in the current second; counts it when so. */
  allow(playerId: string): boolean;
  /** The player's quota in the current second, as counted so far (for the RateLimit-* headers). */
  quota(playerId: string): RateQuota;
  close(): Promise<void>;
}

interface PlayerWindow {
  second: number;
  /** Reads counted here and not yet added to the shared counter. */
  pending: number;
  /** The shared counter's total (every replica's reads) at the last sync. */
  known: number;
}

/**
 * Per-player reads-per-second limit across replicas, without a store round trip on the hot
 * path: each read is decided locally from the shared total seen at the last sync plus the reads
 * counted here since; every `syncIntervalMs` the local counts are added to the shared counters
 * in one batch and the totals read back. A player spread over N replicas can overshoot by what
 * N replicas admit within one sync interval; that is the price of a sub-microsecond check.
 *
 * Fails open: when the store is down each replica keeps limiting on its own counts alone. The
 * limit is abuse control, not authorization, and refusing every read because Redis is away
 * would turn a Redis outage into a game outage.
 */
export function createReadLimiter(opts: {
  limitPerS: number;
  now: () => number;
  sync?: CounterSync;
  syncIntervalMs?: number;
  onSyncError?: (error: unknown) => void;
}): ReadLimiter {
  const windows = new Map<string, PlayerWindow>();
  const second = () => Math.floor(opts.now() / 1000);

  async function syncOnce(sync: CounterSync): Promise<void> {
    const current = second();
    const batch: { playerId: string; w: PlayerWindow; delta: number }[] = [];
    for (const [playerId, w] of windows) {
      if (w.second < current) windows.delete(playerId);
      else if (w.pending > 0) batch.push({ playerId, w, delta: w.pending });
    }
    if (batch.length === 0) return;
    const totals = await sync.add(
      batch.map((b) => ({ key: `${b.playerId}:${b.w.second}`, delta: b.delta })),
      2000,
    );
    batch.forEach((b, i) => {
      if (windows.get(b.playerId) !== b.w) return; // the second rolled over meanwhile
      b.w.pending -= b.delta;
      b.w.known = totals[i]!;
    });
  }

  let running: Promise<void> | undefined;
  const timer = opts.sync
    ? setInterval(() => {
        running ??= syncOnce(opts.sync!)
          .catch((error: unknown) => opts.onSyncError?.(error))
          .finally(() => (running = undefined));
      }, opts.syncIntervalMs ?? 50)
    : undefined;
  timer?.unref();

  return {
    allow(playerId) {
      const s = second();
      let w = windows.get(playerId);
      if (!w || w.second !== s) {
        w = { second: s, pending: 0, known: 0 };
        windows.set(playerId, w);
      }
      if (w.known + w.pending >= opts.limitPerS) return false;
      w.pending++;
      return true;
    },
    quota(playerId) {
      const nowMs = opts.now();
      const w = windows.get(playerId);
      const used = w?.second === Math.floor(nowMs / 1000) ? w.known + w.pending : 0;
      return {
        limit: opts.limitPerS,
        remaining: Math.max(0, opts.limitPerS - used),
        resetS: secondsToWindowEnd(nowMs, 1000),
      };
    },
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
