/**
 * In-process cost of reading a value from the frozen config, the way hot paths do it
 * (`loaded.config.zones[i].modifiers.spawn_rate`).
 *
 * A single read (~1 ns) is far below the timer's own cost (~20-40 ns per hrtime call), so reads
 * are timed in batches of READS_PER_SAMPLE and each sample is divided by the batch size;
 * percentiles are over samples. Each read feeds a sink that the caller must consume, and the
 * zone index varies per read, so the JIT can neither drop nor hoist the reads.
 */
import type { LoadedConfig } from '@hunt/static-config';
import { percentileSorted } from '../lib/stats';

const READS_PER_SAMPLE = 1000;

export interface ReadBenchResult {
  readonly p50_ns: number;
  readonly p99_ns: number;
  readonly ops_per_s: number;
  readonly samples: number;
  readonly reads_per_sample: number;
  /** Sum of every value read; print it so the reads are observable. */
  readonly sink: number;
}

/** One batch: READS_PER_SAMPLE nested reads, two kinds alternating, zone index varying. */
function readBatch(loaded: LoadedConfig, start: number): number {
  let acc = 0;
  const zones = loaded.config.zones.length;
  for (let i = start; i < start + READS_PER_SAMPLE; i++) {
    // Two distinct read paths so the measured op is "a nested property read", not one
    // constant-folded address.
    acc +=
      (i & 1) === 0 ? loaded.config.zones[i % zones]!.modifiers.spawn_rate : loaded.config.spawn.base_density_per_km2_s;
  }
  return acc;
}

export function benchConfigRead(loaded: LoadedConfig, samples = 20_000): ReadBenchResult {
  let sink = 0;
  // Warm-up: let the JIT optimise readBatch before timing it.
  for (let s = 0; s < 5_000; s++) sink += readBatch(loaded, s);

  const perRead = new Float64Array(samples);
  const wallStart = process.hrtime.bigint();
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    sink += readBatch(loaded, s);
    perRead[s] = Number(process.hrtime.bigint() - t0) / READS_PER_SAMPLE;
  }
  const wallNs = Number(process.hrtime.bigint() - wallStart);
  perRead.sort();
  return {
    p50_ns: percentileSorted(perRead, 0.5),
    p99_ns: percentileSorted(perRead, 0.99),
    // Wall-clock throughput includes the per-sample timer calls, so it slightly understates.
    ops_per_s: Math.round((samples * READS_PER_SAMPLE) / (wallNs / 1e9)),
    samples,
    reads_per_sample: READS_PER_SAMPLE,
    sink,
  };
}
