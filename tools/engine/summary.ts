import { LOOT_AWARDED_TOPIC, lootAwardedV1, TREASURE_SPAWNED_TOPIC, treasureSpawnedV1 } from '@hunt/contracts';
import { createDifficulty } from '@hunt/difficulty';
import { defineHandler, type EventBus } from '@hunt/event-bus';
import type { BotStats } from './bots';
import type { RunningEngine } from './engine';

const WINDOW_MS = 5000;

function p99(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

/**
 * The live terminal summary: spawns/s and claims/s (counted from the bus, so it reads the same
 * on Kafka), API p99 of the bots' requests, config version per service and each zone's
 * difficulty this minute. On a TTY it redraws in place every second; otherwise it prints one
 * plain line every `plainEveryMs` so logs and CI output stay readable.
 */
export async function startSummary(opts: {
  engine: RunningEngine;
  bus: Pick<EventBus, 'subscribe'>;
  stats: BotStats;
  bots: number;
  out: NodeJS.WriteStream;
  plainEveryMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  const { engine, stats, out } = opts;
  const events = { spawned: [] as number[], awarded: [] as number[] };
  const subscription = await opts.bus.subscribe({
    groupId: `engine-summary-${process.pid}-${Date.now().toString(36)}`,
    fromBeginning: false,
    handlers: [
      defineHandler({
        topic: TREASURE_SPAWNED_TOPIC,
        schema: treasureSpawnedV1,
        handle: async () => void events.spawned.push(Date.now()),
      }),
      defineHandler({
        topic: LOOT_AWARDED_TOPIC,
        schema: lootAwardedV1,
        handle: async () => void events.awarded.push(Date.now()),
      }),
    ],
  });
  const config = engine.services[0]!.core.loaded.config;
  const difficulty = createDifficulty(config);
  const startedAt = Date.now();

  function lines(now: number): string[] {
    const since = now - WINDOW_MS;
    for (const list of [events.spawned, events.awarded]) while (list.length && list[0]! < since) list.shift();
    while (stats.latencies.length && stats.latencies[0]!.atMs < since) stats.latencies.shift();
    const span = Math.min(WINDOW_MS, Math.max(1, now - startedAt)) / 1000;
    const latency = p99(stats.latencies.map((l) => l.ms));
    const versions = engine.services.map((s) => `${s.name} v${s.core.loaded.version}`).join(', ');
    const stale = Math.max(...engine.services.map((s) => s.core.staleness.stalenessSeconds()));
    return [
      `spawns/s ${(events.spawned.length / span).toFixed(2).padStart(7)}   claims/s ${(events.awarded.length / span).toFixed(2).padStart(6)}   ` +
        `API p99 ${latency === undefined ? '   -' : `${latency.toFixed(1)} ms`}   live treasures ${engine.nearby.size()}`,
      `config   ${versions}${stale > 0 ? `   (a newer version seen ${stale.toFixed(0)} s ago)` : ''}`,
      `bots     ${opts.bots} hunting: ${stats.won} won, ${stats.lost} lost, ${stats.errors} errors, ${stats.points} points`,
      ...config.zones.map((z) => {
        const d = difficulty.at(z.id, now)!;
        const rarity = d.tierNames.map((t, i) => `${t} ${(d.rarityWeights[i]! * 100).toFixed(0)}%`).join(' ');
        return `zone     ${z.id.padEnd(12)} spawn ${d.spawnRatePerS.toFixed(2)}/s  loot x${d.lootMultiplier.toFixed(2)}  decay ${d.multiplierDecayS.toFixed(1)} s  ${rarity}${d.inSeason ? '' : '  (off season)'}`;
      }),
    ];
  }

  let drawn = 0;
  const tty = out.isTTY === true;
  const timer = setInterval(
    () => {
      const text = lines(Date.now());
      if (tty) {
        // Up over the previous frame, clear to the end of the screen, draw the new one.
        out.write(`${drawn > 0 ? `\x1b[${drawn}A\x1b[J` : ''}${text.join('\n')}\n`);
        drawn = text.length;
      } else {
        out.write(`${new Date().toISOString()} ${text.join(' | ').replace(/\s+/g, ' ')}\n`);
      }
    },
    tty ? 1000 : (opts.plainEveryMs ?? 5000),
  );
  return {
    async stop() {
      clearInterval(timer);
      await subscription.stop();
    },
  };
}
