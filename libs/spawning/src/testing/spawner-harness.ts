import { parseConfig, type HuntConfig } from '@hunt/config-schema';
import { editConfigText } from '@hunt/config-schema/testing';
import { seededRandom } from '@hunt/spawn-core';
import type { EventBus } from '@hunt/event-bus';
import { Registry } from 'prom-client';
import type { LeaseStore, RampStore } from '../ports';
import { createSpawner, type SpawnerOptions } from '../spawner';

/** A clock that only moves when told to. */
export function manualClock(startMs: number) {
  let t = startMs;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

/** The test config (zones alpha and beta, season 2026-01-01..04-01) with edits applied. */
export function spawnerTestConfig(edits: Record<string, string> = {}): HuntConfig {
  return parseConfig(editConfigText(edits), 'test.toml');
}

export const SEASON_MS = Date.parse('2026-01-10T12:00:00Z');

/** Edits that stretch the test season over the wall clock, for tests that run in real time. */
export const LIVE_SEASON: Readonly<Record<string, string>> = {
  'starts_at = 2026-01-01T00:00:00Z': 'starts_at = 2020-01-01T00:00:00Z',
  'ends_at = 2026-04-01T00:00:00Z': 'ends_at = 2099-01-01T00:00:00Z',
};

/** A spawner wired for tests: seeded randomness, its own registry, silent log. */
export function testSpawner(opts: {
  config: HuntConfig;
  bus: Pick<EventBus, 'publish'>;
  coordination: LeaseStore & RampStore;
  now: () => number;
  replicaId?: string;
  options?: Partial<SpawnerOptions>;
}) {
  return createSpawner({
    config: opts.config,
    bus: opts.bus,
    leases: opts.coordination,
    ramps: opts.coordination,
    registry: new Registry(),
    replicaId: opts.replicaId ?? 'r1',
    now: opts.now,
    random: seededRandom(1),
    logger: { warn: () => {} },
    options: opts.options,
  });
}

/** Sum of a counter's values across labels. */
export async function counterTotal(
  spawner: { metrics: Record<string, unknown> },
  name: 'spawned' | 'throttled' | 'dropped',
): Promise<number> {
  const metric = spawner.metrics[name] as { get(): Promise<{ values: { value: number }[] }> };
  return (await metric.get()).values.reduce((a, v) => a + v.value, 0);
}
