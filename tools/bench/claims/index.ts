/**
 * `npm run -s bench -- claims`
 *
 * Emits one line: {"bench":"claims","concurrency":32,"claims_per_s","p50_ms","p99_ms","baseline_rps","ratio",...}
 * Winning claims through hunt.loot.v1 Claim with real Redis and Kafka behind them (the loot
 * service's parts in this process via the integration-test harness: own key prefix and topics,
 * removed afterwards), the client in a separate process interleaving 100 ms slices with a bare
 * grpc-js baseline answering a constant (see claims-client.ts). Every claim is a win: each call
 * takes a fresh pre-materialised treasure as a new player, so it also pays for the award event.
 * Env: BENCH_SECONDS = recorded seconds per side (default 5).
 */
import { ulid } from '@hunt/contracts';
import { startLootHarness } from '@hunt/loot/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureInfra, stopInfra } from '@hunt/test-infra';
import type { BenchContext } from '../lib/bench-module';
import { machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { histogramAdd, histogramPercentile, round, type MicrosHistogram } from '../lib/stats';
import { startClaimBaseline } from './baseline-server';

const CONFIG_FILE = join(import.meta.dirname, '../../../config/hunt.toml');
const CLIENT = join(import.meta.dirname, 'claims-client.ts');
const CONCURRENCY = 32;
const ZONE = { id: 'old-town', lat: 52.52, lng: 13.4 };

interface ChildTarget {
  count: number;
  errors: number;
  seconds: number;
  hist: [number, number][];
}

export async function run(ctx: BenchContext): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] || 5);
  const infra = await ensureInfra({ log: (m) => ctx.log(m) });
  const harness = await startLootHarness({
    redisUrl: infra.redisUrl,
    kafkaBrokers: infra.kafkaBrokers,
    configText: readFileSync(CONFIG_FILE, 'utf8'),
  });
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
    // Enough treasures for the real side at ~3x the expected rate; never reused.
    const count = Math.ceil(seconds * 1.2 * 12_000);
    ctx.log(`materialising ${count} treasures`);
    const ids = await harness.materialiseTreasures(count, { zoneId: ZONE.id, lat: ZONE.lat, lng: ZONE.lng });
    const idFile = join(mkdtempSync(join(tmpdir(), 'bench-claims-')), 'ids.txt');
    writeFileSync(idFile, ids.join('\n'));

    ctx.log(`claims c=${CONCURRENCY}: ${2 * seconds} s interleaved baseline/loot-service`);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLIENT,
        '--ports',
        `${baseline.port},${harness.port}`,
        '--ids',
        idFile,
        '--zone',
        ZONE.id,
        '--lat',
        String(ZONE.lat),
        '--lng',
        String(ZONE.lng),
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
    const t0 = performance.now();
    child.stdin.write('go\n');
    const result = await next();
    const serverCpu = process.cpuUsage(cpu0);
    const machine = machineCpuPct(ticks0, readCpuTicks());
    const [bl, real] = result.targets.map((t) => {
      const hist: MicrosHistogram = new Map();
      for (const [us, n] of t.hist) histogramAdd(hist, us, n);
      return {
        rps: Math.round(t.count / t.seconds),
        errors: t.errors,
        p50: round(histogramPercentile(hist, 0.5) / 1000),
        p99: round(histogramPercentile(hist, 0.99) / 1000),
      };
    }) as [
      { rps: number; errors: number; p50: number; p99: number },
      { rps: number; errors: number; p50: number; p99: number },
    ];
    ctx.emit({
      bench: 'claims',
      concurrency: CONCURRENCY,
      claims_per_s: real.rps,
      p50_ms: real.p50,
      p99_ms: real.p99,
      baseline_rps: bl.rps,
      ratio: round(real.rps / bl.rps),
      baseline_p50_ms: bl.p50,
      baseline_p99_ms: bl.p99,
      errors: real.errors + bl.errors,
      server_cpu_pct: Math.round(((serverCpu.user + serverCpu.system) / 1000 / (performance.now() - t0)) * 100),
      machine_busy_pct: machine?.busy ?? null,
      seconds,
    });
  } finally {
    baseline.close();
    await harness.close();
    if (infra.started.length > 0) await stopInfra({ log: (m) => ctx.log(m) });
  }
}
