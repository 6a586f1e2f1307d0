import type { ActiveTreasure, ClaimCommand, ClaimOutcome } from '@hunt/loot-core';

export type MaterialiseResult = 'created' | 'duplicate' | 'expired';

export interface PlayerView {
  readonly playerId: string;
  /** Points in the running season. */
  readonly score: number;
  readonly finds: number;
  /** The combo multiplier now (decayed). */
  readonly multiplier: number;
  /** Sorted by item name. */
  readonly inventory: readonly { readonly item: string; readonly count: number }[];
}

export interface LeaderboardEntry {
  readonly rank: number;
  readonly playerId: string;
  readonly score: number;
}

/**
 * Live treasures, claims and player state. Implementations: Redis (production) and in-memory
 * (embedded mode); both pass the same contract suite (`describeTreasureStoreContract`).
 * Every method throws StoreUnavailableError when the backing store cannot answer within its
 * timeout; callers own retries (a claim is safe to retry: the winner's retry replays its award).
 */
export interface TreasureStore {
  /**
   * Makes a spawned treasure claimable: its record, its zone's geo index and expiry index.
   * Idempotent by treasure id: a redelivered spawn changes nothing ('duplicate'); a spawn that
   * is already past its expiry is not stored ('expired').
   */
  materialise(treasure: ActiveTreasure, nowMs: number): Promise<MaterialiseResult>;
  /** One atomic step: every check of decideClaim (libs/loot-core), then every effect of a win. */
  claim(command: ClaimCommand): Promise<ClaimOutcome>;
  /** Removes treasures expired at `nowMs` from the indexes; returns how many left. */
  sweepExpired(nowMs: number): Promise<number>;
  /** Unclaimed, unexpired treasure ids in a zone (the geo index), for tests and the nearby read. */
  liveTreasureIds(zoneId: string): Promise<string[]>;
  getPlayer(playerId: string, nowMs: number): Promise<PlayerView>;
  /** Highest score first; ties in descending player id order (Redis ZREVRANGE order). */
  leaderboard(seasonId: string, limit: number): Promise<LeaderboardEntry[]>;
  /** For readiness checks; never throws. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
