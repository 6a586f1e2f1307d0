import {
  currentMultiplier,
  decideClaim,
  INITIAL_MULTIPLIER,
  rateWindow,
  type ClaimRules,
  type PlayerClaimState,
  type StoredTreasure,
} from '@hunt/loot-core';
import { awardEvent } from '../award-event';
import { RETAIN_AFTER_EXPIRY_MS, type PlayerView, type TreasureStore } from '../port';
import { createInMemoryOutbox } from './outbox';

/**
 * The embedded TreasureStore: plain maps, one claim at a time by construction (single thread,
 * no await inside a claim). Same semantics as the Redis store, including a record being kept
 * until RETAIN_AFTER_EXPIRY_MS past its expiry and forgotten then; where Redis measures that by a
 * key TTL on its own clock, this store measures it by the `nowMs` of each call.
 */
export function createInMemoryTreasureStore(
  rules: ClaimRules,
  opts: {
    /** This process's config version, stamped on the award events its claims append. */
    readonly configVersion: number;
  },
): TreasureStore {
  const outbox = createInMemoryOutbox();
  const treasures = new Map<string, StoredTreasure>(); // in materialise order
  const players = new Map<string, PlayerClaimState & { finds: number; inventory: Map<string, number> }>();
  const attempts = new Map<string, number>(); // `${player}:${window}`
  const boards = new Map<string, Map<string, number>>();
  const board = (season: string) => boards.get(season) ?? boards.set(season, new Map()).get(season)!;

  const kept = (t: StoredTreasure, nowMs: number) => nowMs < t.expiresAtMs + RETAIN_AFTER_EXPIRY_MS;
  /** The record as Redis would have it at `nowMs`: under that shard's key and not yet forgotten. */
  const find = (shardId: string, treasureId: string, nowMs: number) => {
    const t = treasures.get(treasureId);
    return t?.shardId === shardId && kept(t, nowMs) ? t : undefined;
  };
  /**
   * Drops forgotten records from the oldest on, stopping at the first one still kept: amortised
   * O(1) per spawn. Spawns arrive roughly in expiry order (one TTL for all), so the map stays
   * bounded by what is within retention; `find` keeps the answers exact either way.
   */
  const forget = (nowMs: number) => {
    for (const [id, t] of treasures) {
      if (kept(t, nowMs)) return;
      treasures.delete(id);
    }
  };

  return {
    async materialise(treasure, nowMs) {
      forget(nowMs);
      const known = treasures.get(treasure.treasureId);
      if (known && kept(known, nowMs)) return 'duplicate';
      if (treasure.expiresAtMs <= nowMs) return 'expired';
      treasures.set(treasure.treasureId, treasure);
      return 'created';
    },

    async claim(cmd) {
      const treasure = find(cmd.shardId, cmd.treasureId, cmd.nowMs);
      const player = players.get(cmd.playerId) ?? {
        multiplier: INITIAL_MULTIPLIER,
        finds: 0,
        inventory: new Map<string, number>(),
      };
      const rateKey = `${cmd.playerId}:${rateWindow(cmd.nowMs)}`;
      const replay = treasure?.award?.playerId === cmd.playerId;
      const count = replay ? 0 : (attempts.get(rateKey) ?? 0) + 1;
      if (!replay) attempts.set(rateKey, count);
      const { outcome, next } = decideClaim(treasure, player, count, cmd, rules);
      if (outcome.kind === 'won' && !outcome.replayed && next && treasure) {
        const { award } = outcome;
        treasures.set(treasure.treasureId, { ...treasure, award });
        player.inventory.set(award.item, (player.inventory.get(award.item) ?? 0) + 1);
        players.set(cmd.playerId, { ...next, finds: player.finds + 1, inventory: player.inventory });
        const b = board(rules.seasonId);
        b.set(cmd.playerId, (b.get(cmd.playerId) ?? 0) + award.points);
        outbox.append({
          shardId: treasure.shardId,
          event: JSON.stringify(awardEvent(award)),
          configVersion: opts.configVersion,
          appendedAtMs: award.claimedAtMs,
        });
      }
      return outcome;
    },

    async treasureState(shardId, treasureId, nowMs) {
      const t = find(shardId, treasureId, nowMs);
      if (!t) return 'not-found';
      if (t.award) return 'claimed';
      return nowMs >= t.expiresAtMs ? 'expired' : 'live';
    },

    async getPlayer(playerId, nowMs): Promise<PlayerView> {
      const p = players.get(playerId);
      return {
        playerId,
        score: board(rules.seasonId).get(playerId) ?? 0,
        finds: p?.finds ?? 0,
        multiplier: currentMultiplier(p?.multiplier ?? INITIAL_MULTIPLIER, nowMs, rules.multiplier),
        inventory: [...(p?.inventory ?? [])]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([item, count]) => ({ item, count })),
      };
    },

    async leaderboard(seasonId, limit) {
      return [...board(seasonId)]
        .sort(([pa, a], [pb, b]) => b - a || (pa < pb ? 1 : pa > pb ? -1 : 0))
        .slice(0, limit)
        .map(([playerId, score], i) => ({ rank: i + 1, playerId, score }));
    },

    outbox,
    healthy: async () => true,
    close: async () => {},
  };
}
