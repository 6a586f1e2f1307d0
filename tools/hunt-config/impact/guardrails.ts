import type { Acknowledgement, HuntConfig } from '@hunt/config-schema';
import type { ChangedKey } from './changed-keys';
import type { SeasonProfile } from './season-profile';

/** A change that breaks a [limits] guardrail of the base config. */
export interface Violation {
  readonly rule: 'bus-capacity' | 'rate-growth' | 'decay-speed' | 'limits-changed';
  readonly message: string;
  /** The changed keys that cause it; all must be acknowledged in [release] to waive it. */
  readonly keys: readonly ChangedKey[];
  readonly acknowledged: boolean;
}

export interface Side {
  readonly config: HuntConfig;
  readonly profile: SeasonProfile;
}

const SPAWN_KEYS =
  /^(spawn\.base_rate_per_s|zones\.\d+\.(weight|modifiers\.spawn_rate|id)|curves\.spawn_rate|windows|season\.(starts_at|ends_at|off_season)|limits\.max_window_stack)/;
const DECAY_KEYS = /^(multiplier\.decay_s|curves\.multiplier_decay)/;

/**
 * The guardrails are the BASE file's limits: a change cannot loosen the rule it is judged by.
 * Changing a limit is itself a violation that must be acknowledged.
 */
export function checkGuardrails(base: Side, next: Side, changes: readonly ChangedKey[]): Violation[] {
  const limits = base.config.limits;
  const spawnKeys = changes.filter((c) => SPAWN_KEYS.test(c.key));
  const found: Omit<Violation, 'acknowledged'>[] = [];

  if (next.profile.peakTotalRate > limits.bus_events_per_s) {
    found.push({
      rule: 'bus-capacity',
      message: `peak spawn demand ${fmt(next.profile.peakTotalRate)} events/s (at ${next.profile.peakTotalAt}) exceeds limits.bus_events_per_s ${limits.bus_events_per_s}`,
      keys: spawnKeys,
    });
  }
  for (const zone of next.profile.zones) {
    const before = base.profile.zones.find((z) => z.id === zone.id);
    if (!before) continue;
    for (const [what, old, now] of [
      ['peak', before.peakRate, zone.peakRate],
      ['mean', before.meanRate, zone.meanRate],
    ] as const) {
      const ratio = growth(old, now);
      if (ratio > limits.max_rate_change_ratio) {
        found.push({
          rule: 'rate-growth',
          message: `zone ${zone.id}: ${what} spawn rate ${fmt(old)} -> ${fmt(now)} events/s (x${fmt(ratio)}) exceeds limits.max_rate_change_ratio ${limits.max_rate_change_ratio}`,
          keys: spawnKeys,
        });
        break;
      }
    }
  }
  const decaySpeedup = growth(1 / base.profile.decayRange[0], 1 / next.profile.decayRange[0]);
  if (decaySpeedup > limits.max_rate_change_ratio) {
    found.push({
      rule: 'decay-speed',
      message: `combo multiplier decays x${fmt(decaySpeedup)} faster (shortest decay ${fmt(base.profile.decayRange[0])} s -> ${fmt(next.profile.decayRange[0])} s), exceeding limits.max_rate_change_ratio ${limits.max_rate_change_ratio}`,
      keys: changes.filter((c) => DECAY_KEYS.test(c.key)),
    });
  }
  for (const change of changes.filter((c) => c.key.startsWith('limits.'))) {
    found.push({
      rule: 'limits-changed',
      message: `guardrail ${change.key} changed ${show(change.from)} -> ${show(change.to)}`,
      keys: [change],
    });
  }
  const acks = next.config.release?.acknowledge ?? [];
  return found.map((v) => ({ ...v, acknowledged: v.keys.length > 0 && v.keys.every((k) => acknowledges(acks, k)) }));
}

function acknowledges(acks: readonly Acknowledgement[], change: ChangedKey): boolean {
  return acks.some((a) => a.key === change.key && a.from === change.from && a.to === change.to);
}

/** How many times larger `now` is than `old`; Infinity from zero to positive. */
function growth(old: number, now: number): number {
  if (now <= old) return 1;
  return old > 0 ? now / old : Infinity;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number(n.toPrecision(4)).toString();
}

export function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}
