/** The pure decisions of a simulated player (bots.ts does the I/O). */

export interface Treasure {
  readonly id: string;
  readonly lat: number;
  readonly lng: number;
}

/** A capped set: holds the `capacity` ids added most recently (adding a held id refreshes it). */
export interface RecentIds {
  add(id: string): void;
  has(id: string): boolean;
  readonly size: number;
}

export function createRecentIds(capacity: number): RecentIds {
  if (!(capacity >= 1)) throw new RangeError(`recent ids: capacity ${capacity} must be at least 1`);
  const ids = new Set<string>(); // insertion order: the first is the least recent
  return {
    add(id) {
      ids.delete(id);
      ids.add(id);
      if (ids.size > capacity) ids.delete(ids.values().next().value!);
    },
    has: (id) => ids.has(id),
    get size() {
      return ids.size;
    },
  };
}

/**
 * The treasure to walk to, given the latest read (nearest first, as the API lists them): the
 * current target while it is still listed, else the nearest listed one whose claim has not
 * failed. A failed id can stay listed (claimed elsewhere, expired, an index lagging behind), and
 * without the skip one such phantom would hold the bot forever.
 */
export function pickTarget<T extends Treasure>(
  listed: readonly T[],
  failed: Pick<RecentIds, 'has'>,
  current?: Treasure,
): T | undefined {
  if (current && !failed.has(current.id)) {
    const still = listed.find((t) => t.id === current.id);
    if (still) return still;
  }
  return listed.find((t) => !failed.has(t.id));
}

/**
 * The outcome code of a failed HTTP reply: the HUNT_ERR_* code of a `{"error":{"code",...}}`
 * body, else `http_<status>` (a proxy page, an empty or non-JSON body).
 */
export function failureCode(status: number, body: unknown): string {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' && code.startsWith('HUNT_ERR_') ? code : `http_${status}`;
}

/** Adds `n` (default 1) to the count of `key`. */
export function countOutcome(counts: Map<string, number>, key: string, n = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** Counts largest first (ties by key, so a frame does not shuffle equal counts). */
export function byCount(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
}
