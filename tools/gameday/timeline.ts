/**
 * What a game day records: one row per second of the replay, the phases it went through and
 * the alerts Prometheus fired. The recorder (recorder.ts) writes it, the summary (summary.ts)
 * reduces it to the bench figures and the report (report.ts) draws it; nothing else.
 */

/** The rolling deploy as the replay runs it (issue 14): old -> mixed -> new -> rollback -> old. */
export type PhaseName = 'steady' | 'rollout' | 'new-only' | 'rollback' | 'steady-again';

export interface Phase {
  readonly name: PhaseName;
  /** Seconds since the replay started. */
  readonly startS: number;
  readonly endS: number;
}

/** One API route during one second of intended send times (open-loop: latency from the intended time). */
export interface RouteStats {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Outcome -> count: `200`, `503 HUNT_ERR_TREASURE_PENDING`, `timeout`, `network`. */
  readonly outcomes: Readonly<Record<string, number>>;
  /**
   * Requests that missed the SLO: slower than SLO_LATENCY_MS (summary.ts), answered 5xx, or not
   * answered; each counted once. Optional: without it the summary reports the SLO burn as null.
   */
  readonly sloMisses?: number;
}

export interface SecondRow {
  /** Seconds since the replay started. */
  readonly t: number;
  readonly phase: PhaseName;
  /** Requests due this second, and those the generator could not send (its own limit). */
  readonly intended: number;
  readonly shed: number;
  /** Per route: nearby, claim, me, leaderboard. */
  readonly routes: Readonly<Record<string, RouteStats>>;
  /** Spawn events per second into Kafka, per config version (rate over the last second). */
  readonly spawnsPerS: Readonly<Record<string, number>>;
  /** The fleet cap of each version's config, events/s. */
  readonly capPerS: Readonly<Record<string, number>>;
  /** The loot-service group's lag on the spawn topic, summed over partitions (null: no sample). */
  readonly lootLag: number | null;
  /** Seconds since the newest spawn the loot-service stored was spawned (null: none yet). */
  readonly newestMaterialisedAgeS: number | null;
  readonly claimsWon: number;
  /** Claims of a treasure the player was listed that answered "not found" or "pending". */
  readonly listedNotFound: number;
  /** The award outbox: entries waiting, and the age of the oldest (null: empty or no sample). */
  readonly outboxDepth: number | null;
  readonly outboxOldestAgeS: number | null;
  /** Service -> config versions its live replicas run (from `static_mesh_config_info`). */
  readonly versions: Readonly<Record<string, readonly number[]>>;
  /** Highest `config_staleness_seconds` of any replica. */
  readonly maxStalenessS: number | null;
}

/** An alert Prometheus fired (state firing) during the replay; `resolvedS` null if it was still firing at the end. */
export interface AlertSpan {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly firedS: number;
  readonly resolvedS: number | null;
}

/** The independent ledger's verdicts (ledger.ts), not the services' own counters. */
export interface LedgerVerdicts {
  readonly claimsWon: number;
  readonly awardsSeen: number;
  readonly awardsLost: number;
  readonly doubleWinners: number;
  readonly zonesDoubleOwned: number;
  /** Claims of a listed, unexpired treasure answered 404 (the target: none). */
  readonly listedNotFound: number;
  /** Claims of a listed treasure answered 503 pending (loot did not have it yet: a lagging consumer). */
  readonly listedPending: number;
}

/** One replay (guarded or not), everything the report and the summary need. */
export interface GamedayRun {
  readonly guarded: boolean;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  /** How the run was scaled to this machine (capacity measured at its start). */
  readonly scale: {
    readonly apiCapacityRps: number;
    readonly offeredRps: number;
    readonly offeredFraction: number;
    readonly pipelineCapacityPerS: number;
    /** Spawns/s each version's config asks for at the replay's start, and the cap. */
    readonly demandPerS: Readonly<Record<string, number>>;
    readonly capPerS: number;
  };
  readonly phases: readonly Phase[];
  readonly seconds: readonly SecondRow[];
  readonly alerts: readonly AlertSpan[];
  readonly ledger: LedgerVerdicts;
  /** Seconds from the rollback's start until one config version was live in every service. */
  readonly rollbackS: number | null;
  readonly notes: readonly string[];
}
