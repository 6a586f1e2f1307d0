import { shardAt } from '@hunt/world';
import type { LedgerVerdicts } from './timeline';

/**
 * The game day's own books, kept apart from every service's counters: what players were told
 * (claims won, claims of listed treasures refused), what reached the award topic, and which
 * config version spawned in which shard when. The verdicts (nothing lost, one winner, one owner)
 * come from here, never from the metrics of the parts under test.
 */
export interface Ledger {
  /** A 200 answer to a claim. `replayed`: the API says it repeats the caller's own earlier win. */
  won(treasureId: string, playerId: string, replayed: boolean, atS: number): void;
  /** A claim of a treasure the player was listed, still unexpired, answered 404 or 503 pending. */
  listedRefused(kind: 'not-found' | 'pending', atS: number, detail?: string): void;
  /** The first few refusals' details (which treasure, how old, which replica, what it said): for the report's notes. */
  refusalDetails(): readonly string[];
  /** An award event read from the award topic. */
  award(treasureId: string, playerId: string): void;
  /** A spawn event read from the spawn topic. */
  spawn(event: { lat: number; lng: number; spawned_at: number; config_version: number }): void;
  /** Second `t` of the replay: spawns per config version (by spawn time), claims won, listed refusals. */
  second(t: number): { spawnsPerS: Record<string, number>; claimsWon: number; listedNotFound: number };
  verdicts(): LedgerVerdicts;
  /** Won claims whose award has not reached the topic yet. */
  awardsMissing(): number;
}

/**
 * A shard is double-owned when two config versions' spawns interleave in it: the spawn stream
 * of one shard goes A..B..A with an A spawned after B's first and within this of it. A lease
 * moving between replicas (rollout, rollback) switches a shard once, and the old owner's spawns
 * that arrive late were spawned before the switch; two replicas that both think they own a
 * shard alternate within ticks (250 ms). A rollback's A comes back tens of seconds later.
 */
const INTERLEAVE_MS = 2_000;
const MAX_DETAILS = 10;

/** `startMs`: when the replay's second 0 began (read on every spawn: the ledger may start before it). */
export function createLedger(startMs: () => number): Ledger {
  const winners = new Map<string, Set<string>>();
  const awarded = new Map<string, string>();
  const perSecond: { spawns: Map<number, number>; won: number; refused: number }[] = [];
  const bucket = (t: number) => {
    const s = Math.max(0, Math.floor(t));
    while (perSecond.length <= s) perSecond.push({ spawns: new Map(), won: 0, refused: 0 });
    return perSecond[s]!;
  };
  /** shard -> the version spawning it now, since when, and the run before (to see A..B..A). */
  const owners = new Map<string, { version: number; sinceMs: number; previous?: number }>();
  const doubleOwned = new Set<string>();
  const details: string[] = [];
  let claimsWon = 0;
  let notFound = 0;
  let pending = 0;

  return {
    won(treasureId, playerId, replayed, atS) {
      if (replayed) return; // the same win answered again (idempotent retry), not a new one
      claimsWon++;
      if (atS >= 0) bucket(atS).won++; // a warm-up's wins count in the totals only
      const set = winners.get(treasureId) ?? winners.set(treasureId, new Set()).get(treasureId)!;
      set.add(playerId);
    },
    listedRefused(kind, atS, detail) {
      if (detail !== undefined && details.length < MAX_DETAILS)
        details.push(`${kind} at t=${atS.toFixed(1)}s: ${detail}`);
      if (kind === 'not-found') notFound++;
      else pending++;
      if (atS >= 0) bucket(atS).refused++;
    },
    award(treasureId, playerId) {
      awarded.set(treasureId, playerId);
    },
    spawn(e) {
      const t = (e.spawned_at - startMs()) / 1000;
      if (t >= 0) {
        const b = bucket(t);
        b.spawns.set(e.config_version, (b.spawns.get(e.config_version) ?? 0) + 1);
      }
      const shard = shardAt(e.lat, e.lng);
      const o = owners.get(shard);
      if (!o) {
        owners.set(shard, { version: e.config_version, sinceMs: e.spawned_at });
        return;
      }
      if (o.version === e.config_version) return;
      // Spawned before the current owner's first spawn: the previous owner's late delivery.
      if (e.spawned_at < o.sinceMs) return;
      // A switch. Back to the version before within INTERLEAVE_MS of leaving it: interleaved.
      if (o.previous === e.config_version && e.spawned_at - o.sinceMs < INTERLEAVE_MS) doubleOwned.add(shard);
      owners.set(shard, {
        version: e.config_version,
        sinceMs: e.spawned_at,
        previous: o.version,
      });
    },
    second(t) {
      const b = perSecond[t];
      if (!b) return { spawnsPerS: {}, claimsWon: 0, listedNotFound: 0 };
      return {
        spawnsPerS: Object.fromEntries([...b.spawns].map(([v, n]) => [String(v), n])),
        claimsWon: b.won,
        listedNotFound: b.refused,
      };
    },
    refusalDetails: () => details,
    awardsMissing() {
      let missing = 0;
      for (const [id, players] of winners) if (!players.has(awarded.get(id) ?? '')) missing++;
      return missing;
    },
    verdicts() {
      let doubleWinners = 0;
      for (const players of winners.values()) if (players.size > 1) doubleWinners++;
      return {
        claimsWon,
        awardsSeen: awarded.size,
        awardsLost: this.awardsMissing(),
        doubleWinners,
        zonesDoubleOwned: doubleOwned.size,
        listedNotFound: notFound,
        listedPending: pending,
      };
    },
  };
}
