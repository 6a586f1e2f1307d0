/**
 * Hand-built game-day runs for the summary's and the report's tests: `buildRun`, whose defaults
 * meet every target (so a test changes one thing and sees one check fail), and two whole runs
 * shaped like the story: a guarded one that holds and an unguarded one that breaks.
 */
import { STALE_ALERT } from '../targets';
import type { AlertSpan, GamedayRun, Phase, PhaseName, RouteStats, SecondRow } from '../timeline';

export const PHASE_NAMES: readonly PhaseName[] = ['steady', 'rollout', 'new-only', 'rollback', 'steady-again'];
const SERVICES = ['hunt-api', 'loot-service', 'spawner'] as const;
/** Versions live per phase, and the default spawns/s of each (v1 -> v2). */
const LIVE: Record<PhaseName, readonly number[]> = {
  steady: [1],
  rollout: [1, 2],
  'new-only': [2],
  rollback: [1, 2],
  'steady-again': [1],
};

/** One route's second: `count` requests, all 200 unless `outcomes` says otherwise, none missing the SLO. */
export function route(p99Ms: number, count = 10, outcomes: Record<string, number> = { '200': count }): RouteStats {
  return { count, p50Ms: p99Ms / 4, p99Ms, outcomes, sloMisses: 0 };
}

export interface RunSpec {
  readonly guarded?: boolean;
  /** Seconds per phase, in PHASE_NAMES order; 5 each unless given. */
  readonly phaseS?: Partial<Record<PhaseName, number>>;
  /** What differs from the default row in second `t`. */
  readonly row?: (t: number, phase: PhaseName, sinceS: number) => Partial<SecondRow>;
  readonly alerts?: (phases: readonly Phase[]) => readonly AlertSpan[];
  readonly ledger?: Partial<GamedayRun['ledger']>;
  readonly rollbackS?: number | null;
  readonly notes?: readonly string[];
  readonly scale?: Partial<GamedayRun['scale']>;
}

export function buildRun(spec: RunSpec = {}): GamedayRun {
  let startS = 0;
  const phases = PHASE_NAMES.map((name) => {
    const endS = startS + (spec.phaseS?.[name] ?? 5);
    const phase = { name, startS, endS };
    startS = endS;
    return phase;
  });
  const seconds = phases.flatMap((p) =>
    Array.from({ length: p.endS - p.startS }, (_, i): SecondRow => {
      const t = p.startS + i;
      const live = LIVE[p.name];
      return {
        t,
        phase: p.name,
        intended: 16,
        shed: 0,
        routes: { nearby: route(20), claim: route(30, 6) },
        spawnsPerS: Object.fromEntries(live.map((v) => [String(v), 50 / live.length])),
        capPerS: { '1': 100, '2': 100 },
        lootLag: 2,
        newestMaterialisedAgeS: 0.5,
        claimsWon: 3,
        listedNotFound: 0,
        outboxDepth: 0,
        outboxOldestAgeS: null,
        versions: Object.fromEntries(SERVICES.map((s) => [s, live])),
        maxStalenessS: 0,
        ...spec.row?.(t, p.name, i),
      };
    }),
  );
  const rollout = phases[1]!;
  return {
    guarded: spec.guarded ?? true,
    quick: true,
    startedAt: '2026-12-15T18:30:00.000Z',
    fromVersion: 1,
    toVersion: 2,
    scale: {
      apiCapacityRps: 32,
      offeredRps: 16,
      offeredFraction: 0.5,
      pipelineCapacityPerS: 400,
      demandPerS: { '1': 60, '2': 180 },
      capPerS: 100,
      ...spec.scale,
    },
    phases,
    seconds,
    alerts: spec.alerts?.(phases) ?? [stale(rollout.startS + 6, rollout.endS + 2)],
    ledger: {
      claimsWon: 3 * seconds.length,
      awardsSeen: 3 * seconds.length,
      awardsLost: 0,
      doubleWinners: 0,
      zonesDoubleOwned: 0,
      listedNotFound: 0,
      listedPending: 0,
      ...spec.ledger,
    },
    rollbackS: spec.rollbackS === undefined ? 20 : spec.rollbackS,
    notes: spec.notes ?? [],
  };
}

export function stale(firedS: number, resolvedS: number | null, pod = 'hunt-api-0'): AlertSpan {
  return { name: STALE_ALERT, labels: { hunt_service: 'hunt-api', pod }, firedS, resolvedS };
}

const STORY_PHASES = { steady: 30, rollout: 37, 'new-only': 20, rollback: 15, 'steady-again': 30 };
const STORY_SCALE = { apiCapacityRps: 2400, offeredRps: 1200, offeredFraction: 0.5 };
/** Deterministic wobble in [-1, 1], so the lines look measured. */
const wobble = (t: number, k = 1) => Math.sin(t * 1.7 * k) * Math.cos(t * 0.31);

/** The guards hold: p99 barely moves, spawns stay at the cap, the lag recovers in seconds. */
export function guardedRun(): GamedayRun {
  return buildRun({
    guarded: true,
    phaseS: STORY_PHASES,
    scale: STORY_SCALE,
    row: (t, phase, since) => {
      const change = phase === 'rollout' || phase === 'new-only';
      const bump = change && since < 6 ? 6 - since : 0;
      return {
        intended: 1200,
        routes: storyRoutes(t, 28 + 4 * wobble(t) + (change ? 8 : 0), 0),
        spawnsPerS: spawns(phase, change ? 99 + wobble(t) : 58 + 2 * wobble(t)),
        lootLag: 40 + 30 * wobble(t, 2) + bump * 60,
        newestMaterialisedAgeS: 0.6 + 0.2 * wobble(t, 3) + bump * 0.5,
        claimsWon: 40 + 5 * wobble(t),
        outboxDepth: Math.max(0, 3 + 3 * wobble(t, 5)),
      };
    },
    alerts: (ph) => [stale(ph[1]!.startS + 6, ph[1]!.endS + 1), stale(ph[3]!.startS + 6, ph[3]!.startS + 14)],
    rollbackS: 14,
    notes: ['fleet spawn cap 100/s and a 20 s ramp on the new config'],
  });
}

/** No guards: the new config triples spawns past the cap, the loot-service falls behind, p99 climbs. */
export function unguardedRun(): GamedayRun {
  const lagAt = (t: number) => (t < 30 ? 0.6 : t < 102 ? 0.6 + (t - 30) * 0.6 : Math.max(0.6, 43.8 - (t - 102) * 0.9));
  return buildRun({
    guarded: false,
    phaseS: STORY_PHASES,
    scale: STORY_SCALE,
    row: (t, phase) => {
      const behind = lagAt(t);
      const p99 = 28 + 4 * wobble(t) + Math.min(1100, (behind - 0.6) * 30);
      return {
        intended: 1200,
        routes: storyRoutes(t, p99, behind > 20 ? 4 : 0),
        spawnsPerS: spawns(phase, phase === 'steady' || phase === 'steady-again' ? 58 : 150 + 5 * wobble(t)),
        lootLag: 40 + behind * 150,
        newestMaterialisedAgeS: behind + 0.2 * wobble(t, 3),
        claimsWon: Math.max(0, 40 - behind),
        listedNotFound: behind > 5 ? Math.round(behind / 4) : 0,
        outboxDepth: 3 + behind * 2,
        maxStalenessS: phase === 'rollout' ? 12 : 0,
      };
    },
    alerts: (ph) => [
      stale(ph[1]!.startS + 6, ph[1]!.endS + 1),
      { name: 'HuntLootLagging', labels: { hunt_service: 'loot-service' }, firedS: 70, resolvedS: null },
    ],
    ledger: { listedNotFound: 214, zonesDoubleOwned: 2 },
    rollbackS: 16,
    notes: ['--unguarded: no fleet spawn cap, no ramp'],
  });
}

/** The four routes of the mix at 1,200 requests/s; `pending` of the claims answer 503 pending. */
function storyRoutes(t: number, p99Ms: number, pending: number): Record<string, RouteStats> {
  const slow = (count: number) => (p99Ms > 250 ? Math.round(count * Math.min(0.5, (p99Ms - 250) / 1000)) : 0);
  const r = (count: number, scale: number, extra: Record<string, number> = {}) => {
    const p99 = p99Ms * scale * (1 + 0.05 * wobble(t, scale));
    const ok = count - Object.values(extra).reduce((s, n) => s + n, 0);
    return { ...route(p99, count, { '200': ok, ...extra }), sloMisses: slow(count) + (extra[PENDING] ?? 0) };
  };
  return {
    nearby: r(840, 1),
    claim: r(240, 1.2, pending > 0 ? { [PENDING]: pending } : {}),
    me: r(72, 0.6),
    leaderboard: r(48, 0.9),
  };
}
const PENDING = '503 HUNT_ERR_TREASURE_PENDING';

/** `total` spawns/s split over the phase's live versions. */
function spawns(phase: PhaseName, total: number): Record<string, number> {
  const live = LIVE[phase];
  return Object.fromEntries(live.map((v) => [String(v), total / live.length]));
}
