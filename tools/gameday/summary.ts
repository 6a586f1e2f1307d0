/**
 * The bench line of one game-day run: the figures the targets (targets.ts) are judged on,
 * reduced from the recorded timeline (timeline.ts), and each target's verdict. Pure: no I/O,
 * no clock; the same run always gives the same line.
 */
import { round } from '../bench/lib/stats';
import { STALE_ALERT, TARGETS, type CheckName } from './targets';
import type { GamedayRun, PhaseName, SecondRow } from './timeline';

/** A request slower than this (or answered 5xx, or unanswered) misses the SLO: see RouteStats.sloMisses. */
/** The hunt API's SLO (deploy/prometheus/alerts.yml: 99 % within 300 ms). */
export const SLO_LATENCY_MS = 300;
/** A route's per-second p99 counts only from this many requests: the p99 of two requests is their max. */
export const MIN_REQUESTS_FOR_P99 = 5;
/** The phases in which the new config serves players. */
export const CHANGE_PHASES: readonly PhaseName[] = ['rollout', 'new-only'];
/** Prometheus evaluates every second, the alert has no `for`: it fires within this of a window's end or not at all. */
const ALERT_GRACE_S = 10;
const PENDING = '503 HUNT_ERR_TREASURE_PENDING';

export interface GamedayFigures {
  readonly guarded: boolean;
  /** Requests due per second (open loop: whether or not the generator could send them). */
  readonly offered_rps: number;
  /** Requests answered with any HTTP status, per second of the replay. */
  readonly achieved_rps: number;
  /** Requests the generator could not send (its own in-flight limit, not the server's). */
  readonly shed: number;
  /** Requests that timed out or failed on the network. */
  readonly unanswered: number;
  /** Median over the 'steady' seconds of the second's p99 (see secondP99). */
  readonly steady_p99_ms: number | null;
  /** Worst second's p99 during 'rollout' and 'new-only'. */
  readonly change_p99_ms: number | null;
  readonly p99_ratio: number | null;
  /** Every 5xx answer, the pending ones included. */
  readonly errors_5xx: number;
  /** The 5xx answers by route and outcome, most first: `claim 503 HUNT_ERR_UNAVAILABLE x12, ...` ('' when none). */
  readonly errors_5xx_by_route: string;
  /** `503 HUNT_ERR_TREASURE_PENDING` answers (also in errors_5xx). */
  readonly pending_503: number;
  /** Percent of requests that missed the SLO in 'steady' and in the change phases (null: not recorded). */
  readonly slo_miss_pct_steady: number | null;
  readonly slo_miss_pct_change: number | null;
  /** The worst second's spawn rate above the cap that applied, percent of the cap, floored at 0. */
  readonly kafka_max_over_cap_pct: number | null;
  readonly max_loot_lag_s: number | null;
  readonly max_loot_lag_events: number | null;
  /** Worst phase change (from rollout on) until the lag age is back under lagThresholdS; null: never. */
  readonly lag_recovered_s: number | null;
  readonly awards_lost: number;
  readonly double_winners: number;
  readonly zones_double_owned: number;
  readonly listed_not_found: number;
  /** HuntConfigStale fired in a rollout or rollback window (+10 s) and resolved before the end. */
  readonly stale_alert_fired: boolean;
  readonly rollback_s: number | null;
}

export interface GamedaySummary extends GamedayFigures {
  /** Each target of targets.ts: met or not (a null figure never meets one). */
  readonly checks: Readonly<Record<CheckName, boolean>>;
}

export function summarise(run: GamedayRun): GamedaySummary {
  const rows = run.seconds;
  const outcomes = (match: (key: string) => boolean) =>
    sum(rows.flatMap((r) => Object.values(r.routes).flatMap((s) => entries(s.outcomes, match))));
  const inPhases = (names: readonly PhaseName[]) => rows.filter((r) => names.includes(r.phase));
  const steady = inPhases(['steady']).map(secondP99).filter(isNumber);
  const change = inPhases(CHANGE_PHASES).map(secondP99).filter(isNumber);
  const steadyP99 = median(steady);
  const changeP99 = change.length > 0 ? Math.max(...change) : null;
  const perS = (n: number) => (rows.length > 0 ? round(n / rows.length, 1) : 0);
  const figures: GamedayFigures = {
    guarded: run.guarded,
    offered_rps: perS(sum(rows.map((r) => r.intended))),
    achieved_rps: perS(outcomes((k) => /^\d{3}\b/.test(k))),
    shed: sum(rows.map((r) => r.shed)),
    unanswered: outcomes((k) => !/^\d{3}\b/.test(k)),
    steady_p99_ms: roundOrNull(steadyP99, 1),
    change_p99_ms: roundOrNull(changeP99, 1),
    p99_ratio: steadyP99 && changeP99 !== null ? round(changeP99 / steadyP99, 2) : null,
    errors_5xx: outcomes((k) => /^5\d\d\b/.test(k)),
    errors_5xx_by_route: fiveHundredsByRoute(rows),
    pending_503: outcomes((k) => k === PENDING),
    slo_miss_pct_steady: sloMissPct(inPhases(['steady'])),
    slo_miss_pct_change: sloMissPct(inPhases(CHANGE_PHASES)),
    kafka_max_over_cap_pct: maxOverCapPct(rows),
    max_loot_lag_s: roundOrNull(maxOf(rows.map((r) => r.newestMaterialisedAgeS)), 1),
    max_loot_lag_events: roundOrNull(maxOf(rows.map((r) => r.lootLag)), 0),
    lag_recovered_s: lagRecoveredS(run),
    awards_lost: run.ledger.awardsLost,
    double_winners: run.ledger.doubleWinners,
    zones_double_owned: run.ledger.zonesDoubleOwned,
    listed_not_found: run.ledger.listedNotFound,
    stale_alert_fired: staleAlertFired(run),
    rollback_s: run.rollbackS,
  };
  const checks = Object.fromEntries(
    Object.entries(TARGETS).map(([name, target]) => [name, target.pass(figures)]),
  ) as Record<CheckName, boolean>;
  return { ...figures, checks };
}

/** The summary as one flat bench line (a bench result holds no nested objects): each check as `check_<name>`. */
export function benchLine(s: GamedaySummary): Record<string, string | number | boolean | null> {
  const { checks, ...figures } = s;
  return { ...figures, ...Object.fromEntries(Object.entries(checks).map(([name, pass]) => [`check_${name}`, pass])) };
}

/**
 * One second's p99 of all routes together: the highest p99 of the routes that had at least
 * MIN_REQUESTS_FOR_P99 requests (per-second p99s do not combine into the true p99 of the
 * union, and the max never hides a slow route). Null when no route had enough requests.
 */
export function secondP99(row: SecondRow): number | null {
  const p99s = Object.values(row.routes)
    .filter((r) => r.count >= MIN_REQUESTS_FOR_P99)
    .map((r) => r.p99Ms);
  return p99s.length > 0 ? Math.max(...p99s) : null;
}

/**
 * The fleet cap that applies in a second: the highest cap of the config versions live then (run
 * by any service's replicas, or spawning). Null when no live version's cap is known.
 */
export function capAt(row: SecondRow): number | null {
  const live = new Set([
    ...Object.values(row.versions).flatMap((vs) => vs.map(String)),
    ...Object.keys(row.spawnsPerS).filter((v) => row.spawnsPerS[v]! > 0),
  ]);
  return maxOf([...live].map((v) => row.capPerS[v] ?? null));
}

/** Every second counts (the issue: "in every second"); a second without a known cap is not judged. */
function maxOverCapPct(rows: readonly SecondRow[]): number | null {
  const over = rows.flatMap((r) => {
    const cap = capAt(r);
    return cap ? [((sum(Object.values(r.spawnsPerS)) - cap) / cap) * 100] : [];
  });
  return over.length > 0 ? round(Math.max(0, ...over), 1) : null;
}

/** The lag age counted as recovered: within twice its steady median, plus one second of sampling. */
export function lagThresholdS(run: GamedayRun): number | null {
  const steady = median(run.seconds.filter((r) => r.phase === 'steady').map((r) => r.newestMaterialisedAgeS));
  return steady === null ? null : 2 * steady + 1;
}

/**
 * For each phase from the rollout on: from its start until the first second within the
 * threshold after the phase's last second above it (0 if it never went above). A phase whose
 * lag is still high at its end is measured into the next. Null if any never recovers, if
 * there was no steady sample to compare with, or no rollout. A second without a sample is
 * neither above nor within.
 */
function lagRecoveredS(run: GamedayRun): number | null {
  const threshold = lagThresholdS(run);
  const from = run.phases.findIndex((p) => p.name === 'rollout');
  if (threshold === null || from < 0) return null;
  const age = (r: SecondRow) => r.newestMaterialisedAgeS;
  let worst = 0;
  for (const phase of run.phases.slice(from)) {
    const above = run.seconds.filter((r) => r.t >= phase.startS && r.t < phase.endS && (age(r) ?? 0) > threshold);
    if (above.length === 0) continue;
    const last = Math.max(...above.map((r) => r.t));
    const back = run.seconds.filter((r) => r.t > last && age(r) !== null && age(r)! <= threshold);
    if (back.length === 0) return null;
    worst = Math.max(worst, Math.min(...back.map((r) => r.t)) - phase.startS);
  }
  return worst;
}

function staleAlertFired(run: GamedayRun): boolean {
  const windows = run.phases.filter((p) => p.name === 'rollout' || p.name === 'rollback');
  return run.alerts.some(
    (a) =>
      a.name === STALE_ALERT &&
      a.resolvedS !== null &&
      windows.some((w) => a.firedS >= w.startS && a.firedS <= w.endS + ALERT_GRACE_S),
  );
}

/** Null unless every route of every second recorded its misses: a partial share would flatter. */
function sloMissPct(rows: readonly SecondRow[]): number | null {
  const routes = rows.flatMap((r) => Object.values(r.routes));
  const count = sum(routes.map((r) => r.count));
  if (count === 0 || routes.some((r) => r.sloMisses === undefined)) return null;
  return round((sum(routes.map((r) => r.sloMisses!)) / count) * 100, 2);
}

const roundOrNull = (x: number | null, digits: number) => (x === null ? null : round(x, digits));
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function fiveHundredsByRoute(rows: readonly SecondRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows)
    for (const [route, stats] of Object.entries(r.routes))
      for (const [outcome, n] of Object.entries(stats.outcomes))
        if (/^5\d\d\b/.test(outcome)) counts.set(`${route} ${outcome}`, (counts.get(`${route} ${outcome}`) ?? 0) + n);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${what} x${n}`)
    .join(', ');
}
const isNumber = (x: number | null): x is number => x !== null;
const maxOf = (xs: readonly (number | null)[]) => {
  const known = xs.filter(isNumber);
  return known.length > 0 ? Math.max(...known) : null;
};
const entries = (counts: Readonly<Record<string, number>>, match: (key: string) => boolean) =>
  Object.entries(counts).flatMap(([k, n]) => (match(k) ? [n] : []));

/** Median of the known values (mean of the middle two for an even count); null if none. */
export function median(xs: readonly (number | null)[]): number | null {
  const known = xs.filter(isNumber).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2;
}
