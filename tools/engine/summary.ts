import { LOOT_AWARDED_TOPIC, lootAwardedV1, TREASURE_SPAWNED_TOPIC, treasureSpawnedV1 } from '@hunt/contracts';
import { defineHandler, type EventBus } from '@hunt/event-bus';
import type { BotStats } from './bots';
import type { RunningEngine } from './engine';
import { startLiveFrame, type FrameOut } from './live-frame';
import { createRateWindow } from './rate-window';
import { HEADER_LINES, summaryLines, type SummarySnapshot } from './summary-frame';

const WINDOW_MS = 5000;
/** The plain line shows the header and the three busiest zones. */
const PLAIN_LINES = HEADER_LINES + 4;

function p99(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

/**
 * The live terminal summary: spawns/s and claims/s (counted from the bus by the events' own
 * timestamps, so it reads the same on Kafka), API p99 of the bots' requests, config version
 * per service, the bots' claim and read outcomes by code, and the zones' difficulty this minute
 * (totals and the busiest). On a TTY it redraws in place every second within the terminal's
 * size; otherwise it prints one plain line every `plainEveryMs` (see live-frame.ts).
 */
export async function startSummary(opts: {
  engine: RunningEngine;
  bus: Pick<EventBus, 'subscribe'>;
  stats: BotStats;
  bots: number;
  out: FrameOut;
  plainEveryMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  const { engine, stats } = opts;
  const startMs = Date.now();
  const spawns = createRateWindow({ startMs, windowMs: WINDOW_MS });
  const claims = createRateWindow({ startMs, windowMs: WINDOW_MS });
  const subscription = await opts.bus.subscribe({
    groupId: `engine-summary-${process.pid}-${startMs.toString(36)}`,
    fromBeginning: false,
    handlers: [
      defineHandler({
        topic: TREASURE_SPAWNED_TOPIC,
        schema: treasureSpawnedV1,
        handle: async (event) => spawns.add(event.spawned_at),
      }),
      defineHandler({
        topic: LOOT_AWARDED_TOPIC,
        schema: lootAwardedV1,
        handle: async (event) => claims.add(event.claimed_at),
      }),
    ],
  });
  const config = (engine.services.find((s) => s.name === 'spawner') ?? engine.services[0]!).core.loaded.config;

  function snapshot(now: number): SummarySnapshot {
    // Latencies arrive in end-time order: drop the ones before the window in one splice.
    const kept = stats.latencies.findIndex((l) => l.atMs >= now - WINDOW_MS);
    stats.latencies.splice(0, kept < 0 ? stats.latencies.length : kept);
    return {
      spawnsPerS: spawns.perSecond(now),
      claimsPerS: claims.perSecond(now),
      apiP99Ms: p99(stats.latencies.map((l) => l.ms)),
      liveTreasures: engine.nearby.size(),
      versions: engine.services.map((s) => ({ name: s.name, version: s.core.loaded.version })),
      staleSeconds: Math.max(...engine.services.map((s) => s.core.staleness.stalenessSeconds())),
      bots: opts.bots,
      stats,
      config,
    };
  }

  const frame = startLiveFrame({
    out: opts.out,
    render(width, height) {
      const now = Date.now();
      return summaryLines(now, snapshot(now), width, height);
    },
    plainLines: PLAIN_LINES,
    plainEveryMs: opts.plainEveryMs,
  });
  return {
    async stop() {
      frame.stop();
      await subscription.close();
    },
  };
}
