/**
 * Benchmark dispatcher: `npm run -s bench -- <name> [options]`.
 *
 * Contract: while a benchmark runs, stdout carries ONLY JSON lines, one result object per line,
 * each with a "bench" field, so output can be piped to `jq` or appended to a log. Progress goes
 * to stderr; `--help` prints the usage on stdout.
 * Exit codes: 0 ok, 1 the benchmark failed, 2 usage error (unknown name or option).
 * Adding a benchmark is one registry line plus its `<name>/index.ts` exporting `run`.
 */
import { helpText, parseCommandLine, runCommand, UsageError, type Options } from '../cli/usage';
import type { BenchContext, BenchModule, BenchResult } from './lib/bench-module';

interface Entry {
  readonly summary: string;
  /** What the benchmark accepts after its name (it reads them from `ctx.args`). */
  readonly options?: Options;
  readonly load: () => Promise<BenchModule>;
}

const REGISTRY: Record<string, Entry> = {
  config: {
    summary: 'static-config in-process read cost and config.v1 gRPC Get vs a bare grpc-js server',
    options: { explore: { type: 'boolean', description: 'also measure client process/channel variants (~70 s)' } },
    load: () => import('./config/index'),
  },
  spawner: {
    summary:
      'spawner over the shipped world into the real local Kafka: its peak, the 3x change at the cap, the most events/s; vs a bare kafkajs producer',
    load: () => import('./spawner/index'),
  },
  difficulty: {
    summary: 'libs/difficulty evaluations per second on one core (request path and uncached)',
    load: () => import('./difficulty/index'),
  },
  api: {
    summary:
      "hunt API nearby read at the shipped world's steady state vs bare Fastify answering the same bytes, and claims end to end (autocannon, real Redis + Kafka)",
    load: () => import('./api/index'),
  },
  bootstrap: {
    summary:
      "a new hunt-api replica's nearby index ready over 30 min of spawn history: from now - ttl vs from the beginning",
    load: () => import('./bootstrap/index'),
  },
  claims: {
    summary: 'winning hunt.loot.v1 Claims over gRPC (real Redis + Kafka) vs a bare grpc-js baseline',
    load: () => import('./claims/index'),
  },
  loot: {
    summary:
      "loot-service spawns materialised per second into real Redis vs the spawner's peak and a bare kafkajs consumer",
    load: () => import('./loot/index'),
  },
  gameday: {
    summary:
      'the story replayed quick against the whole engine (real Redis, Kafka, Prometheus), guarded and unguarded: p99 ratio, cap, lag, ledger',
    load: () => import('./gameday/index'),
  },
};

const benchmarks = Object.entries(REGISTRY).map(([name, b]) => {
  const options = Object.entries(b.options ?? {}).map(([o, spec]) => `\n${''.padEnd(14)}--${o}  ${spec.description}`);
  return `  ${name.padEnd(12)}${b.summary}${options.join('')}`;
});

const spec = {
  name: 'bench',
  usage: ['npm run -s bench -- <name> [options]', 'node --import tsx tools/bench/run.ts <name> [options]'],
  description: 'Runs one benchmark: one JSON object per result line on stdout, progress on stderr.',
  sections: { Benchmarks: benchmarks.join('\n') },
  allowPositionals: true,
  options: {},
  environment: {
    BENCH_SECONDS: 'measured seconds per part (default 5; spawner: 15)',
    BOOTSTRAP_MINUTES: 'bootstrap: minutes of spawn history (default 30)',
    BOOTSTRAP_RATE: 'bootstrap: spawns per second in that history (default 500)',
    LOOT_SPAWNS: 'loot: spawns in the backlog the loot-service drains (default 30000)',
    KAFKA_BROKERS: "spawner: the Kafka to publish into (default: tools/infra's, started when not serving)",
    'INFRA_*': 'ports and Kafka version of the servers api, claims, loot and spawner start (npm run infra -- --help)',
  },
  exitCodes: { 0: 'the benchmark ran', 1: 'the benchmark failed' },
  formatFailure: (error: unknown) =>
    `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
} as const;

/** The dispatcher's own arguments end at the benchmark's name; the rest are the benchmark's. */
function split(argv: readonly string[]): { own: string[]; rest: string[] } {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  return at < 0 ? { own: [...argv], rest: [] } : { own: argv.slice(0, at + 1), rest: argv.slice(at + 1) };
}

const { own, rest } = split(process.argv.slice(2));
await runCommand(
  spec,
  async ({ positionals: [name] }) => {
    if (name === undefined) throw new UsageError('missing benchmark name');
    const entry = REGISTRY[name];
    if (!entry) throw new UsageError(`unknown benchmark "${name}"`);
    const args = parseCommandLine({ ...spec, options: entry.options ?? {}, allowPositionals: false }, rest);
    if (args.kind === 'help') return void process.stdout.write(helpText(spec));
    if (args.kind === 'usage-error') throw new UsageError(`${name}: ${args.message}`);
    const ctx: BenchContext = {
      args: rest,
      emit: (result: BenchResult) => void process.stdout.write(`${JSON.stringify(result)}\n`),
      log: (message: string) => void process.stderr.write(`[bench ${name}] ${message}\n`),
    };
    const mod = await entry.load();
    await mod.run(ctx);
  },
  own,
);
