/**
 * `npm run -s bench -- difficulty`: evaluations per second of libs/difficulty on one core
 * (this process, single-threaded), against the real config/hunt.toml.
 *
 * - `difficulty` (the headline, target >= 5 M/s): the request-path pattern, each call for a
 *   random zone at the current time advancing 1 ms per call, so the zone's per-minute result
 *   is recomputed whenever the minute turns (every 60,000 calls) and memoised in between.
 * - `difficulty-uncached`: every call lands in a different minute of the season, so every call
 *   computes curves, windows and the rarity mix from scratch (the worst case, e.g. a preview).
 */
import { createDifficulty } from '@hunt/difficulty';
import { loadConfigFile } from '@hunt/static-config';
import { join } from 'node:path';
import type { BenchContext } from '../lib/bench-module';

const ROOT = join(import.meta.dirname, '../../..');

export async function run(ctx: BenchContext): Promise<void> {
  const { config } = loadConfigFile(join(ROOT, 'config/hunt.toml'));
  const d = createDifficulty(config);
  const zones = d.zoneIds;
  const start = Date.parse(config.season.starts_at);
  const seasonMs = Date.parse(config.season.ends_at) - start;

  const measure = (name: string, timeOf: (i: number) => number, calls: number) => {
    let sink = 0;
    for (let i = 0; i < 200_000; i++) sink += d.at(zones[i % zones.length]!, timeOf(i))!.spawnRatePerS;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) sink += d.at(zones[(i * 7) % zones.length]!, timeOf(i))!.spawnRatePerS;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    ctx.log(`${name}: ${calls} calls in ${seconds.toFixed(3)} s (sink ${sink.toFixed(1)})`);
    return { evals_per_s: Math.round(calls / seconds), ns_per_eval: Number(((seconds * 1e9) / calls).toFixed(1)) };
  };

  const now = start + 20 * 86_400_000;
  ctx.emit({ bench: 'difficulty', ...measure('request path', (i) => now + i, 20_000_000), zones: zones.length });
  // 104,729 is prime: consecutive calls land on minutes spread over the whole season.
  ctx.emit({
    bench: 'difficulty-uncached',
    ...measure('uncached', (i) => start + ((i * 104_729 * 60_000) % seasonMs), 2_000_000),
  });
}
