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
 * The nearest `limit` candidates of one read: a max-heap on squared distance (the farthest kept
 * at the root), so a read costs O(candidates x log limit) in plain array moves. A native sort of
 * every candidate within the radius (about 175 at city density) cost about as much as the scan:
 * near() went from 37 to 16-23 us per default read with this heap. Per process (single-threaded,
 * not re-entrant); grows only.
 */
const heap = {
  d2: new Float64Array(128),
  items: new Array<NearbyTreasure | undefined>(128),
  size: 0,
  /** Offers a candidate to a heap of at most `limit`. */
  offer(d2: number, t: NearbyTreasure, limit: number) {
    if (this.size < limit) {
      if (this.size === this.d2.length) this.grow();
      const { d2: keys, items } = this;
      let i = this.size++;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (keys[up]! >= d2) break;
        keys[i] = keys[up]!;
        items[i] = items[up];
        i = up;
      }
      keys[i] = d2;
      items[i] = t;
    } else if (d2 < this.d2[0]!) {
      this.siftDown(d2, t);
    }
  },
  grow() {
    const d2 = new Float64Array(this.d2.length * 2);
    d2.set(this.d2);
    this.d2 = d2;
    this.items.length = d2.length;
  },
  /** Puts (d2, t) at the root and moves it down to its place. */
  siftDown(d2: number, t: NearbyTreasure | undefined) {
    const { d2: keys, items, size } = this;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1]! > keys[child]!) child++;
      if (keys[child]! <= d2) break;
      keys[i] = keys[child]!;
      items[i] = items[child];
      i = child;
    }
    keys[i] = d2;
    items[i] = t;
  },
  /** Empties the heap into hits, nearest first; no reference kept past the call. */
  drain(): NearbyHit[] {
    const hits = new Array<NearbyHit>(this.size);
    while (this.size > 0) {
      const [d2, t] = [this.d2[0]!, this.items[0]!];
      this.size--;
      const last = this.size;
      const [lastD2, lastT] = [this.d2[last]!, this.items[last]];
      this.items[last] = undefined;
      if (last > 0) this.siftDown(lastD2, lastT);
      hits[last] = { treasure: t, distanceM: Math.round(Math.sqrt(d2) * 1000) / 1000 };
    }
    return hits;
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
      heap.size = 0;
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
            heap.offer(d2, items[k]!, limit);
          }
        }
      }
      return heap.drain();
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
