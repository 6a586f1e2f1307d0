import { distanceM, isImplausibleMove } from './geo';
import type { LootRoll } from './loot-roll';
import { scoreFind, type MultiplierRules, type MultiplierState } from './multiplier';

/** The claim knobs of the running config, flattened for the stores. */
export interface ClaimRules {
  readonly radiusM: number;
  readonly maxSpeedMps: number;
  readonly claimsPerMinute: number;
  readonly multiplier: MultiplierRules;
  /** Leaderboards are per season: the running config's season id. */
  readonly seasonId: string;
}

/** A live treasure as materialised from a spawn event, with its loot already rolled. */
export interface ActiveTreasure {
  readonly treasureId: string;
  readonly zoneId: string;
  /** The shard of its cell (libs/world shardAt): the hash tag of its store keys. */
  readonly shardId: string;
  readonly lat: number;
  readonly lng: number;
  readonly tier: string;
  readonly spawnedAtMs: number;
  readonly expiresAtMs: number;
  /** The config version the spawner ran. */
  readonly configVersion: number;
  readonly loot: LootRoll;
}

export interface ClaimCommand {
  readonly playerId: string;
  readonly treasureId: string;
  /** The treasure's zone, as listed with it (the award names it). */
  readonly zoneId: string;
  /** The treasure's shard, as listed with it: its store keys are hash-tagged by shard. */
  readonly shardId: string;
  readonly lat: number;
  readonly lng: number;
  readonly nowMs: number;
}

/** What a won claim earned; stored with the treasure so a retry returns exactly this. */
export interface Award {
  readonly treasureId: string;
  readonly zoneId: string;
  readonly playerId: string;
  readonly seasonId: string;
  readonly tier: string;
  readonly item: string;
  readonly value: number;
  readonly multiplier: number;
  readonly points: number;
  readonly claimedAtMs: number;
  readonly lootConfigVersion: number;
  readonly spawnConfigVersion: number;
}

/** Expected ways a claim loses; each has its own error code (libs/loot errors). */
export type ClaimRejection =
  'not-found' | 'expired' | 'already-claimed' | 'too-far' | 'implausible-movement' | 'rate-limited';

export type ClaimOutcome =
  | { readonly kind: 'won'; readonly award: Award; readonly replayed: boolean }
  | { readonly kind: 'rejected'; readonly reason: ClaimRejection };

/** The player state a claim reads and, when won, replaces. */
export interface PlayerClaimState {
  readonly last?: { readonly lat: number; readonly lng: number; readonly atMs: number };
  readonly multiplier: MultiplierState;
}

export interface StoredTreasure extends ActiveTreasure {
  readonly award?: Award;
}

/**
 * The claim decision, as a pure function: the in-memory store runs it under its own lock and the
 * Redis claim script implements the same steps in the same order. Order matters:
 *  1. a retry by the winner replays the stored award (not counted against the rate limit);
 *  2. every other attempt counts against the rate limit (`attemptsThisMinute` includes it), so
 *     floods of bad ids are limited too;
 *  3. not found, already claimed, expired, too far, implausible movement, then the win.
 */
export function decideClaim(
  treasure: StoredTreasure | undefined,
  player: PlayerClaimState,
  attemptsThisMinute: number,
  cmd: ClaimCommand,
  rules: ClaimRules,
): { outcome: ClaimOutcome; next?: PlayerClaimState } {
  const reject = (reason: ClaimRejection) => ({ outcome: { kind: 'rejected', reason } as const });
  if (treasure?.award?.playerId === cmd.playerId) {
    return { outcome: { kind: 'won', award: treasure.award, replayed: true } };
  }
  if (attemptsThisMinute > rules.claimsPerMinute) return reject('rate-limited');
  if (!treasure) return reject('not-found');
  if (treasure.award) return reject('already-claimed');
  if (cmd.nowMs >= treasure.expiresAtMs) return reject('expired');
  if (distanceM(cmd.lat, cmd.lng, treasure.lat, treasure.lng) > rules.radiusM) return reject('too-far');
  if (player.last) {
    const moved = distanceM(player.last.lat, player.last.lng, cmd.lat, cmd.lng);
    if (isImplausibleMove(moved, cmd.nowMs - player.last.atMs, rules.maxSpeedMps, rules.radiusM)) {
      return reject('implausible-movement');
    }
  }
  const find = scoreFind(player.multiplier, cmd.nowMs, treasure.loot.value, rules.multiplier);
  const award: Award = {
    treasureId: treasure.treasureId,
    zoneId: treasure.zoneId,
    playerId: cmd.playerId,
    seasonId: rules.seasonId,
    tier: treasure.loot.tier,
    item: treasure.loot.item,
    value: treasure.loot.value,
    multiplier: find.applied,
    points: find.points,
    claimedAtMs: cmd.nowMs,
    lootConfigVersion: treasure.loot.configVersion,
    spawnConfigVersion: treasure.configVersion,
  };
  return {
    outcome: { kind: 'won', award, replayed: false },
    next: { last: { lat: cmd.lat, lng: cmd.lng, atMs: cmd.nowMs }, multiplier: find.next },
  };
}

/** The fixed rate-limit window a claim at `nowMs` counts in. */
export const rateWindow = (nowMs: number) => Math.floor(nowMs / 60_000);
