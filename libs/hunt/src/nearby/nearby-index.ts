/** A live treasure as the nearby read lists it (no loot: that is rolled at claim time). */
export interface NearbyTreasure {
  readonly id: string;
  readonly zoneId: string;
  readonly lat: number;
  readonly lng: number;
  readonly tier: string;
  readonly expiresAtMs: number;
}

export interface NearbyHit {
  readonly treasure: NearbyTreasure;
  readonly distanceM: number;
}

export interface NearbyIndex {
  /** Adds a spawned treasure unless it is expired at `nowMs` or already known (claimed or listed). */
  add(treasure: NearbyTreasure, nowMs: number): void;
  /** Removes a claimed treasure at once; a later (replayed) spawn of it is ignored. */
  claimed(id: string, zoneId: string, nowMs: number): void;
  /** Live treasures within `radiusM` of the point, nearest first, at most `limit`. */
  near(lat: number, lng: number, radiusM: number, limit: number, nowMs: number): NearbyHit[];
  /** The zone of a treasure this index knows (live, claimed or recently expired): claims need it. */
  zoneOf(id: string): string | undefined;
  /** Whether a nearby read would list it at `nowMs` (live, not claimed here, not expired). */
  listed(id: string, nowMs: number): boolean;
  /** Drops expired treasures and old tombstones; returns how many live treasures remain. */
  sweep(nowMs: number): number;
  size(): number;
}

/** Cell edge in degrees (about 1.1 km of latitude): a typical query touches 1 to 4 cells. */
const CELL_DEG = 0.01;
/** Metres per degree of latitude on the mean Earth radius (6,371,008.8 m). */
const M_PER_DEG_LAT = 111_195.08;
/** How long a claimed or expired id still resolves to its zone, so late claims get 409/410, not 404. */
const TOMBSTONE_MS = 10 * 60_000;

const cellOf = (lat: number, lng: number) => Math.floor(lat / CELL_DEG) * 100_000 + Math.floor(lng / CELL_DEG);

/**
 * The in-process index behind the nearby read: a grid of cells keyed by rounded lat/lng, each
 * a Map of live treasures. A read scans the cells the query circle overlaps and filters by exact
 * distance and expiry, so an expired treasure is never listed even between sweeps. Claimed and
 * expired ids are remembered for TOMBSTONE_MS (their zone, for claim routing; and to ignore a
 * spawn replayed after its award). Single-threaded: no locking.
 */
export function createNearbyIndex(): NearbyIndex {
  const cells = new Map<number, Map<string, NearbyTreasure>>();
  const live = new Map<string, NearbyTreasure>();
  const tombstones = new Map<string, { zoneId: string; untilMs: number }>();

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
    claimed(id, zoneId, nowMs) {
      const t = live.get(id);
      if (t) remove(t);
      tombstones.set(id, { zoneId, untilMs: Math.max(nowMs, t?.expiresAtMs ?? nowMs) + TOMBSTONE_MS });
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
          const cell = cells.get(i * 100_000 + j);
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
    zoneOf: (id) => live.get(id)?.zoneId ?? tombstones.get(id)?.zoneId,
    listed: (id, nowMs) => (live.get(id)?.expiresAtMs ?? 0) > nowMs,
    sweep(nowMs) {
      for (const t of live.values()) {
        if (t.expiresAtMs > nowMs) continue;
        remove(t);
        tombstones.set(t.id, { zoneId: t.zoneId, untilMs: t.expiresAtMs + TOMBSTONE_MS });
      }
      for (const [id, stone] of tombstones) if (stone.untilMs <= nowMs) tombstones.delete(id);
      return live.size;
    },
    size: () => live.size,
  };
}
