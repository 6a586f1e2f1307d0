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
import type { PlayerView, TreasureStore } from '../port';
import { createInMemoryOutbox } from './outbox';

/**
 * The embedded TreasureStore: plain maps, one claim at a time by construction (single thread,
 * no await inside a claim). Same semantics as the Redis store, including expired records being
 * kept (as 'expired', not 'not found') until the sweeper's retention passes.
 */
export function createInMemoryTreasureStore(
  rules: ClaimRules,
  opts: {
    /** This process's config version, stamped on the award events its claims append. */
    readonly configVersion: number;
  },
): TreasureStore {
  const outbox = createInMemoryOutbox();
  const treasures = new Map<string, StoredTreasure>();
  const live = new Map<string, Set<string>>(); // zone -> unclaimed, unexpired ids
  const players = new Map<string, PlayerClaimState & { finds: number; inventory: Map<string, number> }>();
  const attempts = new Map<string, number>(); // `${player}:${window}`
  const boards = new Map<string, Map<string, number>>();
  const zoneOf = (zone: string) => live.get(zone) ?? live.set(zone, new Set()).get(zone)!;
  const board = (season: string) => boards.get(season) ?? boards.set(season, new Map()).get(season)!;

  return {
    async materialise(treasure, nowMs) {
      if (treasures.has(treasure.treasureId)) return 'duplicate';
      if (treasure.expiresAtMs <= nowMs) return 'expired';
      treasures.set(treasure.treasureId, treasure);
      zoneOf(treasure.zoneId).add(treasure.treasureId);
      return 'created';
    },

    async claim(cmd) {
      const stored = treasures.get(cmd.treasureId);
      const treasure = stored?.zoneId === cmd.zoneId ? stored : undefined;
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
        zoneOf(treasure.zoneId).delete(treasure.treasureId);
        player.inventory.set(award.item, (player.inventory.get(award.item) ?? 0) + 1);
        players.set(cmd.playerId, { ...next, finds: player.finds + 1, inventory: player.inventory });
        const b = board(rules.seasonId);
        b.set(cmd.playerId, (b.get(cmd.playerId) ?? 0) + award.points);
        outbox.append({
          zoneId: award.zoneId,
          event: JSON.stringify(awardEvent(award)),
          configVersion: opts.configVersion,
          appendedAtMs: award.claimedAtMs,
        });
      }
      return outcome;
    },

    async sweepExpired(nowMs) {
      let removed = 0;
      for (const ids of live.values()) {
        for (const id of ids) {
          if (treasures.get(id)!.expiresAtMs <= nowMs) {
            ids.delete(id);
            removed++;
          }
        }
      }
      return removed;
    },

    liveTreasureIds: async (zoneId) => [...zoneOf(zoneId)].sort(),

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
