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

/**
 * Sort keys pack a distance in millimetres (at most 1e6 within the 1 km radius cap) above a
 * candidate slot below SLOTS: exact in a double up to 4,000 km of radius.
 */
const SLOTS = 2 ** 21;

/** Per-process scratch of `near` (single-threaded, not re-entrant): grows, never shrinks. */
const scratch = {
  keys: new Float64Array(1024),
  treasures: new Array<NearbyTreasure | undefined>(1024),
  grow() {
    if (this.keys.length >= SLOTS) throw new RangeError('nearby: more candidates than one read can sort');
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    this.treasures.length = keys.length;
  },
};

const cellOf = (lat: number, lng: number) => Math.floor(lat / CELL_DEG) * ROW + Math.floor(lng / CELL_DEG);

/**
 * One grid cell's live treasures, packed: positions and expiries in typed arrays side by side
 * (a read scans them contiguously; with 200,000 treasures as separate objects on the heap, every
 * candidate was a cache miss and the scan cost several times more), the treasures themselves in
 * the same slots. Removal moves the last one into the freed slot.
 */
class Cell {
  lat = new Float64Array(8);
  lng = new Float64Array(8);
  exp = new Float64Array(8);
  readonly items: NearbyTreasure[] = [];

  get size(): number {
    return this.items.length;
  }

  push(t: NearbyTreasure): number {
    const slot = this.items.length;
    if (slot === this.lat.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      [this.lat, this.lng, this.exp] = [grow(this.lat), grow(this.lng), grow(this.exp)];
    }
    this.lat[slot] = t.lat;
    this.lng[slot] = t.lng;
    this.exp[slot] = t.expiresAtMs;
    this.items.push(t);
    return slot;
  }

  /** Frees `slot`; returns the treasure that moved into it (undefined when it was the last). */
  removeAt(slot: number): NearbyTreasure | undefined {
    const last = this.items.length - 1;
    const moved = this.items.pop()!;
    if (slot === last) return undefined;
    this.lat[slot] = this.lat[last]!;
    this.lng[slot] = this.lng[last]!;
    this.exp[slot] = this.exp[last]!;
    this.items[slot] = moved;
    return moved;
  }
}

interface Entry {
  readonly t: NearbyTreasure;
  readonly cell: Cell;
  readonly key: number;
  slot: number;
}

/**
 * The in-process index behind the nearby read: a grid of packed cells keyed by rounded lat/lng.
 * A read scans the cells the query circle overlaps and filters by exact distance and expiry, so
 * an expired treasure is never listed even between sweeps. Claimed and expired ids are
 * remembered for TOMBSTONE_MS (their zone and shard, for claims; and to ignore a spawn replayed
 * after its award). Single-threaded: no locking.
 */
export function createNearbyIndex(): NearbyIndex {
  const cells = new Map<number, Cell>();
  const live = new Map<string, Entry>();
  const tombstones = new Map<string, { place: TreasurePlace | undefined; untilMs: number }>();

  const remove = (e: Entry) => {
    live.delete(e.t.id);
    const moved = e.cell.removeAt(e.slot);
    if (moved) live.get(moved.id)!.slot = e.slot;
    if (e.cell.size === 0) cells.delete(e.key);
  };

  return {
    add(t, nowMs) {
      if (t.expiresAtMs <= nowMs || live.has(t.id) || tombstones.has(t.id)) return;
      const key = cellOf(t.lat, t.lng);
      const cell = cells.get(key) ?? cells.set(key, new Cell()).get(key)!;
      live.set(t.id, { t, cell, key, slot: cell.push(t) });
    },
    claimed(id, nowMs, place) {
      const e = live.get(id);
      if (e) remove(e);
      const known = e ? { zoneId: e.t.zoneId, shardId: e.t.shardId } : (place ?? tombstones.get(id)?.place);
      tombstones.set(id, { place: known, untilMs: Math.max(nowMs, e?.t.expiresAtMs ?? nowMs) + TOMBSTONE_MS });
    },
    near(lat, lng, radiusM, limit, nowMs) {
      const dLat = radiusM / M_PER_DEG_LAT;
      const dLng = radiusM / (M_PER_DEG_LAT * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      // Equirectangular distance: within a few km it differs from haversine by well under a
      // metre. Squared distances in metres, with the query's cos(lat) computed once.
      const mPerDegLng = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
      const r2 = radiusM * radiusM;
      const [i0, i1] = [Math.floor((lat - dLat) / CELL_DEG), Math.floor((lat + dLat) / CELL_DEG)];
      const [j0, j1] = [Math.floor((lng - dLng) / CELL_DEG), Math.floor((lng + dLng) / CELL_DEG)];
      // Candidates go to scratch space as sort keys (distance in mm, then the candidate's slot),
      // so one native numeric sort orders them and hit objects are made only for those returned.
      let found = 0;
      for (let i = i0; i <= i1; i++) {
        for (let j = j0; j <= j1; j++) {
          const cell = cells.get(i * ROW + j);
          if (!cell) continue;
          const { lat: lats, lng: lngs, exp, items } = cell;
          for (let k = 0; k < items.length; k++) {
            const dx = (lngs[k]! - lng) * mPerDegLng;
            const dy = (lats[k]! - lat) * M_PER_DEG_LAT;
            const d2 = dx * dx + dy * dy;
            if (d2 > r2 || exp[k]! <= nowMs) continue;
            if (found === scratch.keys.length) scratch.grow();
            scratch.treasures[found] = items[k];
            scratch.keys[found] = Math.round(Math.sqrt(d2) * 1000) * SLOTS + found;
            found++;
          }
        }
      }
      const keys = scratch.keys.subarray(0, found).sort();
      const hits: NearbyHit[] = new Array<NearbyHit>(Math.min(limit, found));
      for (let k = 0; k < hits.length; k++) {
        const key = keys[k]!;
        const slot = key % SLOTS;
        hits[k] = { treasure: scratch.treasures[slot]!, distanceM: (key - slot) / SLOTS / 1000 };
      }
      scratch.treasures.fill(undefined, 0, found); // no reference kept past the call
      return hits;
    },
    placeOf: (id) => {
      const t = live.get(id)?.t;
      return t ? { zoneId: t.zoneId, shardId: t.shardId } : tombstones.get(id)?.place;
    },
    listed: (id, nowMs) => (live.get(id)?.t.expiresAtMs ?? 0) > nowMs,
    sweep(nowMs) {
      for (const e of live.values()) {
        const t = e.t;
        if (t.expiresAtMs > nowMs) continue;
        remove(e);
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
