/** A live treasure as the nearby read lists it (no loot: that is rolled at claim time). */
export interface NearbyTreasure {
  readonly id: string;
  readonly zoneId: string;
  /** The shard of its cell (libs/world shardAt): claims name it, the loot store keys by it. */
  readonly shardId: string;
  readonly lat: number;
  readonly lng: number;
  readonly tier: string;
  readonly expiresAtMs: number;
}

/** Where a treasure lives, as a claim must name it. */
export interface TreasurePlace {
  readonly zoneId: string;
  readonly shardId: string;
}

export interface NearbyHit {
  readonly treasure: NearbyTreasure;
  readonly distanceM: number;
}

export interface NearbyIndex {
  /** Adds a spawned treasure unless it is expired at `nowMs` or already known (claimed or listed). */
  add(treasure: NearbyTreasure, nowMs: number): void;
  /**
   * Removes a claimed treasure at once; a later (replayed) spawn of it is ignored. Its place is
   * remembered from the live entry, else from `place` (an award names no shard: a treasure this
   * replica never listed then answers claims as unknown).
   */
  claimed(id: string, nowMs: number, place?: TreasurePlace): void;
  /** Live treasures within `radiusM` of the point, nearest first, at most `limit`. */
  near(lat: number, lng: number, radiusM: number, limit: number, nowMs: number): NearbyHit[];
  /** Zone and shard of a treasure this index knows (live, claimed or recently expired): claims need them. */
  placeOf(id: string): TreasurePlace | undefined;
  /** Whether a nearby read would list it at `nowMs` (live, not claimed here, not expired). */
  listed(id: string, nowMs: number): boolean;
  /** Drops expired treasures and old tombstones; returns how many live treasures remain. */
  sweep(nowMs: number): number;
  size(): number;
}

/**
 * Cell edge in degrees (about 280 m of latitude): at the shipped world's steady density (about
 * 900 live treasures per km²) a cell holds about 40, and a default 250 m query scans 9 to 16
 * cells, a few hundred candidates. (0.01 degrees scanned thousands per query at that density.)
 * A plain lat/lng grid rather than libs/world's H3 cells: its integer key costs nanoseconds
 * where an H3 index is a string computed in microseconds, and the index is private to a replica.
 */
const CELL_DEG = 0.0025;
/** Row stride of the cell key: more than the 144,000 columns a full circle of longitude has. */
const ROW = 1_000_000;
/** Metres per degree of latitude on the mean Earth radius (6,371,008.8 m). */
const M_PER_DEG_LAT = 111_195.08;
/** How long a claimed or expired id still resolves to its place, so late claims get 409/410, not 404. */
const TOMBSTONE_MS = 10 * 60_000;

const cellOf = (lat: number, lng: number) => Math.floor(lat / CELL_DEG) * ROW + Math.floor(lng / CELL_DEG);

/**
 * The in-process index behind the nearby read: a grid of cells keyed by rounded lat/lng, each
 * a Map of live treasures. A read scans the cells the query circle overlaps and filters by exact
 * distance and expiry, so an expired treasure is never listed even between sweeps. Claimed and
 * expired ids are remembered for TOMBSTONE_MS (their zone and shard, for claims; and to ignore a
 * spawn replayed after its award). Single-threaded: no locking.
 */
export function createNearbyIndex(): NearbyIndex {
  const cells = new Map<number, Map<string, NearbyTreasure>>();
  const live = new Map<string, NearbyTreasure>();
  const tombstones = new Map<string, { place: TreasurePlace | undefined; untilMs: number }>();

  const remove = (t: NearbyTreasure) => {
    live.delete(t.id);
    const cell = cells.get(cellOf(t.lat, t.lng));
    cell?.delete(t.id);
    if (cell?.size === 0) cells.delete(cellOf(t.lat, t.lng));
  };

  return {
    add(t, nowMs) {
      if (t.expiresAtMs <= nowMs || live.has(t.id) || tombstones.has(t.id)) return;
      live.set(t.id, t);
      const key = cellOf(t.lat, t.lng);
      (cells.get(key) ?? cells.set(key, new Map()).get(key)!).set(t.id, t);
    },
    claimed(id, nowMs, place) {
      const t = live.get(id);
      if (t) remove(t);
      const known = t ? { zoneId: t.zoneId, shardId: t.shardId } : (place ?? tombstones.get(id)?.place);
      tombstones.set(id, { place: known, untilMs: Math.max(nowMs, t?.expiresAtMs ?? nowMs) + TOMBSTONE_MS });
    },
    near(lat, lng, radiusM, limit, nowMs) {
      const dLat = radiusM / M_PER_DEG_LAT;
      const dLng = radiusM / (M_PER_DEG_LAT * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      // Equirectangular distance: within a few km it differs from haversine by well under a
      // metre. Squared distances in metres, with the query's cos(lat) computed once.
      const mPerDegLng = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
      const r2 = radiusM * radiusM;
      const hits: NearbyHit[] = [];
      const [i0, i1] = [Math.floor((lat - dLat) / CELL_DEG), Math.floor((lat + dLat) / CELL_DEG)];
      const [j0, j1] = [Math.floor((lng - dLng) / CELL_DEG), Math.floor((lng + dLng) / CELL_DEG)];
      for (let i = i0; i <= i1; i++) {
        for (let j = j0; j <= j1; j++) {
          const cell = cells.get(i * ROW + j);
          if (!cell) continue;
          for (const t of cell.values()) {
            const dx = (t.lng - lng) * mPerDegLng;
            const dy = (t.lat - lat) * M_PER_DEG_LAT;
            const d2 = dx * dx + dy * dy;
            if (d2 <= r2 && t.expiresAtMs > nowMs) hits.push({ treasure: t, distanceM: Math.sqrt(d2) });
          }
        }
      }
      hits.sort((a, b) => a.distanceM - b.distanceM);
      if (hits.length > limit) hits.length = limit;
      return hits;
    },
    placeOf: (id) => {
      const t = live.get(id);
      return t ? { zoneId: t.zoneId, shardId: t.shardId } : tombstones.get(id)?.place;
    },
    listed: (id, nowMs) => (live.get(id)?.expiresAtMs ?? 0) > nowMs,
    sweep(nowMs) {
      for (const t of live.values()) {
        if (t.expiresAtMs > nowMs) continue;
        remove(t);
        tombstones.set(t.id, {
          place: { zoneId: t.zoneId, shardId: t.shardId },
          untilMs: t.expiresAtMs + TOMBSTONE_MS,
        });
      }
      for (const [id, stone] of tombstones) if (stone.untilMs <= nowMs) tombstones.delete(id);
      return live.size;
    },
    size: () => live.size,
  };
}
