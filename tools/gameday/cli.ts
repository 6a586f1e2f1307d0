/**
 * `npm run gameday -- [options]`: the 09:14 incident replayed against the whole engine.
 * Wiring only: the replay is gameday.ts, the figures summary.ts, the page report.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runGameday } from './gameday';
import { renderReport } from './report';
import { benchLine, summarise } from './summary';
import type { GamedayRun } from './timeline';

const root = join(import.meta.dirname, '../..');
const HELP = `usage: npm run gameday -- [options]

Replays the story's config change as a rolling deploy against the whole engine: Redis and Kafka
from tools/infra, a real Prometheus (Debian's prometheus) scraping every process every second and
evaluating deploy/prometheus/alerts.yml, hunt-api, loot-service and spawner as separate processes
(the built bundles in dist/: run \`npm run build\` first), two replicas of each during a rollout,
and players on an open loop. Scaled to this machine at its start (the pipeline's capacity sets
the world's density, the API's the offered rate). Phases: steady on the old version, rollout (old
and new side by side for 37 s), new-only, rollback (the old version back the same way), steady.

Options:
  --from <file>    the config running before (default config/hunt.toml)
  --to <file>      the config rolled out (default: the story's change applied to --from:
                   spawn density x3, multiplier decay 8 s -> 3 s, version + 1, acknowledged)
  --unguarded      also replay it with the spawner's runtime guards off (no fleet cap, no ramp;
                   a switch of this harness only) and show both side by side
  --quick          short phases (about 2.5 min a replay; the 37 s mixed window stays)
  --from-source    run the apps from source (tsx) instead of dist/
  --out <file>     the HTML report (default .gameday/report.html)
  -h, --help       this text

Output: one JSON line per replay on stdout (the figures of \`npm run -s bench -- gameday\`),
progress on stderr, the report at --out.
Exit codes: 0 the guarded replay kept every correctness promise (nothing lost, one winner, one
owner, cap held, no listed treasure answered 404, no 5xx but a retryable pending claim); 1 it
did not, or the replay failed;
2 usage error.`;

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: join(root, 'config/hunt.toml') },
    to: { type: 'string' },
    unguarded: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'from-source': { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, '.gameday/report.html') },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const log = (line: string) => process.stderr.write(`[gameday] ${line}\n`);
const runs: GamedayRun[] = [];
try {
  for (const guarded of values.unguarded ? [true, false] : [true]) {
    log(`replay ${runs.length + 1}: ${guarded ? 'guarded' : 'UNGUARDED (no fleet cap, no ramp)'}`);
    runs.push(
      await runGameday({
        fromFile: resolve(values.from),
        toFile: values.to && resolve(values.to),
        guarded,
        quick: values.quick,
        fromSource: values['from-source'],
        log,
      }),
    );
  }
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const summaries = runs.map(summarise);
for (const s of summaries) console.log(JSON.stringify({ bench: 'gameday', ...benchLine(s) }));
mkdirSync(dirname(resolve(values.out)), { recursive: true });
writeFileSync(resolve(values.out), renderReport(runs, summaries));
log(`report: ${resolve(values.out)}`);
const guarded = summaries.find((s) => s.guarded);
process.exit(guarded && correctnessHeld(guarded) ? 0 : 1);

/**
 * The promises a guarded replay must keep on any machine; the latency ratios are benchmark
 * figures. A claim still pending after the players' retries is the designed retryable answer.
 */
function correctnessHeld(s: (typeof summaries)[number]): boolean {
  const { checks } = s;
  return (
    checks.awards_lost &&
    checks.double_winners &&
    checks.zones_double_owned &&
    checks.listed_not_found &&
    s.errors_5xx - s.pending_503 === 0 &&
    checks.kafka_over_cap
  );
}
