/**
 * What a guarded game day must show (issue 14), one entry per check: the figure it reads, the
 * target as the report prints it, and the test. The unguarded run is judged by the same
 * entries; it is expected to miss some, and the report says so if it does not.
 */
import type { GamedayFigures } from './summary';

export interface Target {
  /** What the check asks, in a reader's words. */
  readonly label: string;
  readonly figure: keyof GamedayFigures;
  readonly target: string;
  /** A null figure fails: what was not measured was not shown. */
  readonly pass: (f: GamedayFigures) => boolean;
}

/** The alert that says a replica knows of a newer config and serves the old one (deploy/prometheus/alerts.yml). */
export const STALE_ALERT = 'HuntConfigStale';

/** The story's rollout took 37 s; rolling back may take as long, plus 10 s to notice. */
export const ROLLBACK_TARGET_S = 37 + 10;

const atMost = (figure: keyof GamedayFigures, limit: number, label: string, unit = ''): Target => ({
  label,
  figure,
  target: `<= ${limit}${unit}`,
  pass: (f) => {
    const value = f[figure];
    return typeof value === 'number' && value <= limit;
  },
});

export const TARGETS = {
  p99_ratio: atMost('p99_ratio', 1.5, 'p99 during the change / steady p99'),
  errors_5xx: atMost('errors_5xx', 0, '5xx answers over the run'),
  kafka_over_cap: atMost('kafka_max_over_cap_pct', 1, 'spawns/s above the fleet cap, worst second', ' %'),
  lag_recovered: atMost('lag_recovered_s', 30, 'loot lag back to steady after each phase change', ' s'),
  awards_lost: atMost('awards_lost', 0, 'won claims whose award never reached the topic'),
  double_winners: atMost('double_winners', 0, 'treasures won by two players'),
  zones_double_owned: atMost('zones_double_owned', 0, 'shards spawned into by two versions at once'),
  listed_not_found: atMost('listed_not_found', 0, 'claims of listed treasures answered not found'),
  stale_alert: {
    label: `${STALE_ALERT} fired during rollout or rollback and resolved`,
    figure: 'stale_alert_fired',
    target: 'fired and resolved',
    pass: (f) => f.stale_alert_fired,
  },
  rollback: atMost('rollback_s', ROLLBACK_TARGET_S, 'rollback until one version is live everywhere', ' s'),
} as const satisfies Record<string, Target>;

export type CheckName = keyof typeof TARGETS;
