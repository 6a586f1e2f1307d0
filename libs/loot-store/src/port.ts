import type { ActiveTreasure, ClaimCommand, ClaimOutcome } from '@hunt/loot-core';

export type MaterialiseResult = 'created' | 'duplicate' | 'expired';

/** Where a treasure stands, as a claim would find it. */
export type TreasureState = 'live' | 'claimed' | 'expired' | 'not-found';

/**
 * How long a store keeps a treasure's record after the treasure expired, so a late claim of a won
 * or expired treasure answers 'already-claimed' / 'expired' rather than 'not-found'. Then the
 * record is forgotten (a key TTL on Redis): expired treasures need no sweeping.
 */
export const RETAIN_AFTER_EXPIRY_MS = 3_600_000;

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

/** One won claim's award event waiting in the outbox to be published. */
export interface OutboxEntry {
  /** Opaque and unique; pass it to `ack`. */
  readonly id: string;
  /** Partition key of the event: the treasure's shard. */
  readonly shardId: string;
  /** The `hunt.loot-awarded.v1` value as JSON, exactly as the claim step wrote it. */
  readonly event: string;
  /** Config version of the process that won the claim: the event's `config-version` header. */
  readonly configVersion: number;
  /** The claim's time (Unix ms): how long the entry has waited. */
  readonly appendedAtMs: number;
}

export interface OutboxReadOptions {
  /** Who reads: a name unique to this process (several replicas may relay at once). */
  readonly consumer: string;
  readonly limit: number;
  /**
   * Entries another consumer read but did not ack for this long are taken over (it crashed or
   * lost its broker). Must exceed the reader's own publish timeout, or entries in flight are
   * published twice (still correct: delivery is at-least-once).
   */
  readonly reclaimIdleMs: number;
}

/**
 * The transactional outbox of award events: the claim step appends a won claim's event in the
 * same atomic step as the win (a replay appends nothing), and a relay publishes and acks. An
 * entry stays until acked, so delivery is at-least-once; consumers deduplicate by treasure_id.
 * Methods throw StoreUnavailableError like the rest of the store; the relay owns retries.
 */
export interface AwardOutbox {
  /**
   * Up to `limit` unacked entries for `consumer`, oldest first within each group: first those it
   * read before and has not acked (its failed publishes), then those abandoned by another
   * consumer (see reclaimIdleMs), then new ones. Each entry is handed to one consumer at a time.
   */
  read(options: OutboxReadOptions): Promise<OutboxEntry[]>;
  /** Removes published entries for good. Unknown ids are ignored. */
  ack(ids: readonly string[]): Promise<void>;
  /** Unacked entries and the claim time of the oldest (null when empty). */
  stats(): Promise<{ depth: number; oldestAppendedAtMs: number | null }>;
}

/**
 * Live treasures, claims and player state. Implementations: Redis (production) and in-memory
 * (embedded mode); both pass the same contract suite (`describeTreasureStoreContract`).
 * Every method throws StoreUnavailableError when the backing store cannot answer within its
 * timeout; callers own retries (a claim is safe to retry: the winner's retry replays its award).
 */
export interface TreasureStore {
  /**
   * Makes a spawned treasure claimable: stores its record until RETAIN_AFTER_EXPIRY_MS past its
   * expiry. Idempotent by treasure id: a redelivered spawn changes nothing ('duplicate'); a spawn
   * that is already past its expiry is not stored ('expired'). Nothing else is indexed: nearby
   * reads are the hunt API's in-process index, fed by the spawn topic.
   */
  materialise(treasure: ActiveTreasure, nowMs: number): Promise<MaterialiseResult>;
  /**
   * One atomic step: every check of decideClaim (libs/loot-core), then every effect of a win,
   * including the award event appended to `outbox` (once: a replay appends nothing).
   */
  claim(command: ClaimCommand): Promise<ClaimOutcome>;
  /**
   * One treasure's state at `nowMs` as a claim would find it (a forgotten record is 'not-found'),
   * without claiming or counting against a rate limit: for tests and benchmarks waiting on a spawn.
   */
  treasureState(shardId: string, treasureId: string, nowMs: number): Promise<TreasureState>;
  getPlayer(playerId: string, nowMs: number): Promise<PlayerView>;
  /** Highest score first; ties in descending player id order (Redis ZREVRANGE order). */
  leaderboard(seasonId: string, limit: number): Promise<LeaderboardEntry[]>;
  /** Award events of won claims, waiting for the relay. */
  readonly outbox: AwardOutbox;
  /** For readiness checks; never throws. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
