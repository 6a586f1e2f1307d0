/**
 * `npm run -s bench -- gameday`: `npm run gameday -- --quick --unguarded` as a benchmark: the
 * guarded and the unguarded replay, one line each. Its baseline is within the run: the steady
 * phase before the change (p99_ratio = worst second of the change over steady p99), the
 * pipeline's capacity measured at the start (the world's density is scaled to it) and the API's
 * capacity (the offered rate is OFFERED_FRACTION of it). What limits it: two cores shared by
 * six service processes at the rollout, Redis, the Kafka JVM, Prometheus and the players.
 * The built bundles in dist/ when present (`npm run build`), else the apps from source.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runGameday } from '../../gameday/gameday';
import { renderReport } from '../../gameday/report';
import { benchLine, summarise } from '../../gameday/summary';
import type { GamedayRun } from '../../gameday/timeline';
import { writeFileSync, mkdirSync } from 'node:fs';
import type { BenchContext } from '../lib/bench-module';
import { loadAverage1m } from '../lib/proc-stat';

const root = join(import.meta.dirname, '../../..');

export async function run(ctx: BenchContext): Promise<void> {
  const fromSource = !existsSync(join(root, 'dist/apps/hunt-api/main.js'));
  if (fromSource) ctx.log('dist/ has no built apps: running them from source (npm run build for the bundles)');
  const runs: GamedayRun[] = [];
  for (const guarded of [true, false]) {
    const load0 = loadAverage1m();
    const r = await runGameday({
      fromFile: join(root, 'config/hunt.toml'),
      guarded,
      quick: true,
      fromSource,
      log: (m) => ctx.log(m),
    });
    runs.push(r);
    ctx.emit({ bench: 'gameday', ...benchLine(summarise(r)), load_avg_1m_start: load0, load_avg_1m: loadAverage1m() });
  }
  const out = join(root, '.gameday/bench-report.html');
  mkdirSync(join(root, '.gameday'), { recursive: true });
  writeFileSync(out, renderReport(runs, runs.map(summarise)));
  ctx.log(`report: ${out}`);
}
