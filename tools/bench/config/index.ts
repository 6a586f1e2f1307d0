/**
 * `npm run -s bench -- config [--explore]`
 *
 * Emits:
 *   config-read          in-process nested read of the frozen config (ns per read, batched samples)
 *   config-grpc          config.v1 Get over loopback gRPC at concurrency 1 and 32: the library
 *                        server vs a bare grpc-js baseline in the same run (ratio = rps / baseline_rps)
 *   config-grpc-variant  (--explore) client shapes at concurrency 32: processes x channels
 *
 * Noise control on a shared 2-core box: ONE client process interleaves its load between the
 * baseline and the library server in 100 ms slices (see grpc-client.ts), so both sides see the
 * same machine conditions; each side's figures aggregate its own slices. other_cpu_pct reports
 * how much CPU other tenants took during the window.
 * Env: BENCH_SECONDS = recorded seconds per side and run (default 5).
 */
import { loadConfigFile } from '@hunt/static-config';
import { join } from 'node:path';
import type { BenchContext } from '../lib/bench-module';
import { round } from '../lib/stats';
import { expectedResponse, startBaselineServer, startLibraryServer } from './grpc-servers';
import { benchConfigRead } from './read-bench';
import { runLoad, type LoadSpec } from './run-clients';

const CONFIG_FILE = join(import.meta.dirname, '../../../config/hunt.toml');
const KEY = 'spawn.treasure_ttl_s';

function envSeconds(): number {
  const raw = process.env['BENCH_SECONDS'];
  const n = raw === undefined || raw === '' ? 5 : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`BENCH_SECONDS must be a positive number, got "${raw}"`);
  return n;
}

export async function run(ctx: BenchContext): Promise<void> {
  const seconds = envSeconds();
  const loaded = loadConfigFile(CONFIG_FILE);

  ctx.log('config-read: timing batched in-process reads');
  const read = benchConfigRead(loaded);
  ctx.log(`config-read: sink=${read.sink} (consumed so the reads cannot be eliminated)`);
  ctx.emit({
    bench: 'config-read',
    p50_ns: round(read.p50_ns, 2),
    p99_ns: round(read.p99_ns, 2),
    ops_per_s: read.ops_per_s,
    samples: read.samples,
    reads_per_sample: read.reads_per_sample,
  });

  const baseline = await startBaselineServer(expectedResponse(loaded, KEY));
  const library = await startLibraryServer(CONFIG_FILE);
  try {
    const spec = (concurrency: number, processes = 1, channels = 1): LoadSpec => ({
      ports: [baseline.port, library.port],
      key: KEY,
      concurrency,
      processes,
      channels,
      warmupMs: 1000,
      seconds,
    });
    for (const concurrency of [1, 32]) {
      ctx.log(`config-grpc c=${concurrency}: ${2 * seconds} s interleaved baseline/library`);
      const res = await runLoad(spec(concurrency));
      const [bl, lib] = res.targets as [(typeof res.targets)[number], (typeof res.targets)[number]];
      ctx.emit({
        bench: 'config-grpc',
        concurrency,
        p50_ms: lib.p50_ms,
        p99_ms: lib.p99_ms,
        rps: lib.rps,
        baseline_rps: bl.rps,
        ratio: round(lib.rps / bl.rps),
        baseline_p50_ms: bl.p50_ms,
        baseline_p99_ms: bl.p99_ms,
        errors: lib.errors + bl.errors,
        client_cpu_pct: res.client_cpu_pct,
        server_cpu_pct: res.server_cpu_pct,
        other_cpu_pct: res.other_cpu_pct,
        seconds,
      });
    }

    if (ctx.args.includes('--explore')) {
      for (const [processes, channels] of [
        [1, 1],
        [1, 4],
        [2, 1],
        [2, 4],
      ] as const) {
        ctx.log(`config-grpc-variant c=32 processes=${processes} channels=${channels}`);
        const res = await runLoad(spec(32, processes, channels));
        const [bl, lib] = res.targets as [(typeof res.targets)[number], (typeof res.targets)[number]];
        ctx.emit({
          bench: 'config-grpc-variant',
          concurrency: 32,
          processes,
          channels,
          rps: lib.rps,
          p50_ms: lib.p50_ms,
          p99_ms: lib.p99_ms,
          baseline_rps: bl.rps,
          baseline_p50_ms: bl.p50_ms,
          ratio: round(lib.rps / bl.rps),
          client_cpu_pct: res.client_cpu_pct,
          server_cpu_pct: res.server_cpu_pct,
          other_cpu_pct: res.other_cpu_pct,
          seconds,
        });
      }
    }
  } finally {
    await Promise.all([library.close(), baseline.close()]);
  }
}
