/**
 * `npm run -s bench -- claims`
 *
 * Emits two lines:
 *   {"bench":"claims","concurrency":32,"claims_per_s","p50_ms","p99_ms","baseline_rps","ratio",...}
 *   {"bench":"claims-cluster",...,"ratio" (to the single-Redis line),"ratio_to_bare",...}
 * Winning claims through hunt.loot.v1 Claim with real Kafka behind them and one Redis server
 * (claims) or the 3-primary Redis Cluster of tools/infra (claims-cluster): the loot service's
 * parts in this process via the integration-test harness (own key prefix and topics, removed
 * afterwards), one per Redis; the client in a separate process interleaving 100 ms slices
 * between a bare grpc-js baseline answering a constant and the two services (see
 * claims-client.ts). Every claim is a win: each call takes a fresh pre-materialised treasure (over
 * PLACES shards, so a cluster's treasures spread over its primaries) as a new player, so it also
 * pays for the award event. redis_cpu_us_per_claim: the Redis servers' own CPU (INFO cpu, all
 * nodes of the cluster) over the claims they served.
 * Env: BENCH_SECONDS = recorded seconds per side (default 5).
 */
import { ulid } from '@hunt/contracts';
import { startLootHarness } from '@hunt/loot/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureInfra, ensureRedisCluster, stopInfra, stopRedisCluster } from '@hunt/test-infra';
import type { BenchContext } from '../lib/bench-module';
import { machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { redisCpuSeconds } from '../lib/redis-cpu';
import { histogramAdd, histogramPercentile, round, type MicrosHistogram } from '../lib/stats';
import { startClaimBaseline } from './baseline-server';

const CONFIG_FILE = join(import.meta.dirname, '../../../config/hunt.toml');
const CLIENT = join(import.meta.dirname, 'claims-client.ts');
const CONCURRENCY = 32;
const ZONE = 'old-town';
/** 16 places ~3 km apart: as many shards, and on a cluster as many buckets over its primaries. */
const PLACES = Array.from({ length: 16 }, (_, i) => ({
  lat: 52.46 + (i % 4) * 0.03,
  lng: 13.3 + Math.floor(i / 4) * 0.05,
}));

interface ChildTarget {
  count: number;
  errors: number;
  seconds: number;
  hist: [number, number][];
}

type Side = { rps: number; errors: number; p50: number; p99: number; count: number };

export async function run(ctx: BenchContext): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] || 5);
  const infra = await ensureInfra({ log: (m) => ctx.log(m) });
  const cluster = await ensureRedisCluster({ log: (m) => ctx.log(m) });
  const configText = readFileSync(CONFIG_FILE, 'utf8');
  const harnesses = [
    await startLootHarness({ redisUrl: infra.redisUrl, kafkaBrokers: infra.kafkaBrokers, configText }),
    await startLootHarness({ redisUrl: cluster.url, kafkaBrokers: infra.kafkaBrokers, configText }),
  ];
  const baseline = await startClaimBaseline({
    treasure_id: ulid(Date.now()),
    item: 'old-map',
    value: 8,
    multiplier: 1,
    points: 8,
    tier: 'common',
    claimed_at: Date.now(),
    loot_config_version: 1,
    replayed: false,
    season_id: 's1-winter-2026',
  });
  try {
    // Enough treasures for each real side at ~3x the expected rate; never reused.
    const perPlace = Math.ceil((seconds * 1.2 * 12_000) / PLACES.length);
    const dir = mkdtempSync(join(tmpdir(), 'bench-claims-'));
    const idFiles: string[] = [];
    for (const [i, h] of harnesses.entries()) {
      ctx.log(`materialising ${perPlace * PLACES.length} treasures (${i === 0 ? 'redis' : 'redis cluster'})`);
      const lines: string[] = [];
      for (const place of PLACES) {
        const ids = await h.materialiseTreasures(perPlace, { zoneId: ZONE, ...place });
        lines.push(...ids.map((id) => `${id} ${place.lat} ${place.lng}`));
      }
      idFiles.push(join(dir, `ids-${i}.txt`));
      writeFileSync(idFiles[i]!, lines.join('\n'));
    }

    ctx.log(`claims c=${CONCURRENCY}: ${3 * seconds} s interleaved baseline/redis/redis cluster`);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLIENT,
        '--ports',
        [baseline.port, ...harnesses.map((h) => h.port)].join(','),
        '--ids',
        [idFiles[0]!, ...idFiles].join(','),
        '--zone',
        ZONE,
        '--concurrency',
        String(CONCURRENCY),
        '--seconds',
        String(seconds),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async () =>
      JSON.parse((await lines.next()).value as string) as { phase: string; targets: ChildTarget[] };
    await next(); // ready
    const ticks0 = readCpuTicks();
    const cpu0 = process.cpuUsage();
    const redisCpu0 = await Promise.all([redisCpuSeconds(infra.redisUrl), redisCpuSeconds(cluster.url)]);
    const t0 = performance.now();
    child.stdin.write('go\n');
    const result = await next();
    const serverCpu = process.cpuUsage(cpu0);
    const redisCpu = (await Promise.all([redisCpuSeconds(infra.redisUrl), redisCpuSeconds(cluster.url)])).map(
      (c, i) => c - redisCpu0[i]!,
    );
    const machine = machineCpuPct(ticks0, readCpuTicks());
    const [bl, single, clustered] = result.targets.map((t): Side => {
      const hist: MicrosHistogram = new Map();
      for (const [us, n] of t.hist) histogramAdd(hist, us, n);
      return {
        rps: Math.round(t.count / t.seconds),
        errors: t.errors,
        count: t.count,
        p50: round(histogramPercentile(hist, 0.5) / 1000),
        p99: round(histogramPercentile(hist, 0.99) / 1000),
      };
    }) as [Side, Side, Side];
    const common = {
      concurrency: CONCURRENCY,
      baseline_rps: bl.rps,
      baseline_p50_ms: bl.p50,
      baseline_p99_ms: bl.p99,
      server_cpu_pct: Math.round(((serverCpu.user + serverCpu.system) / 1000 / (performance.now() - t0)) * 100),
      machine_busy_pct: machine?.busy ?? null,
      seconds,
    };
    ctx.emit({
      bench: 'claims',
      claims_per_s: single.rps,
      p50_ms: single.p50,
      p99_ms: single.p99,
      ratio: round(single.rps / bl.rps),
      errors: single.errors + bl.errors,
      redis_cpu_us_per_claim: round((redisCpu[0]! * 1e6) / single.count, 1),
      ...common,
    });
    ctx.emit({
      bench: 'claims-cluster',
      claims_per_s: clustered.rps,
      p50_ms: clustered.p50,
      p99_ms: clustered.p99,
      ratio: round(clustered.rps / single.rps),
      ratio_to_bare: round(clustered.rps / bl.rps),
      errors: clustered.errors,
      redis_cpu_us_per_claim: round((redisCpu[1]! * 1e6) / clustered.count, 1),
      primaries: 3,
      ...common,
    });
  } finally {
    baseline.close();
    for (const h of harnesses) await h.close();
    if (cluster.started) await stopRedisCluster();
    if (infra.started.length > 0) await stopInfra({ log: (m) => ctx.log(m) });
  }
}
