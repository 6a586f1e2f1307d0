/**
 * Benchmark dispatcher: `npm run -s bench -- <name> [args...]`.
 *
 * Contract: stdout carries ONLY JSON lines, one result object per line, each with a "bench"
 * field, so output can be piped to `jq` or appended to a log. Progress goes to stderr.
 * Exit codes: 0 ok, 1 the benchmark failed, 2 usage error (unknown name).
 * Adding a benchmark is one registry line plus its `<name>/index.ts` exporting `run`.
 */
import type { BenchContext, BenchModule, BenchResult } from './lib/bench-module';

const REGISTRY: Record<string, { summary: string; load: () => Promise<BenchModule> }> = {
  config: {
    summary: 'static-config in-process read cost and config.v1 gRPC Get vs a bare grpc-js server',
    load: () => import('./config/index'),
  },
  spawner: {
    summary: 'spawner into the real local Kafka: highest sustained events/s and accuracy at the cap',
    load: () => import('./spawner/index'),
  },
  difficulty: {
    summary: 'libs/difficulty evaluations per second on one core (request path and uncached)',
    load: () => import('./difficulty/index'),
  },
  api: {
    summary:
      'hunt API nearby read vs a bare Fastify hello-world, and claims end to end (autocannon, real Redis + Kafka)',
    load: () => import('./api/index'),
  },
  claims: {
    summary: 'winning hunt.loot.v1 Claims over gRPC (real Redis + Kafka) vs a bare grpc-js baseline',
    load: () => import('./claims/index'),
  },
};

function usage(): string {
  const names = Object.entries(REGISTRY).map(([name, b]) => `  ${name.padEnd(12)} ${b.summary}`);
  return [
    'Usage: npm run -s bench -- <name> [args...]',
    '       node --import tsx tools/bench/run.ts <name> [args...]',
    '',
    'Prints one JSON object per line on stdout; progress on stderr.',
    '',
    'Benchmarks:',
    ...names,
    '',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stderr.write(usage());
    return 0;
  }
  const entry = REGISTRY[name];
  if (!entry) {
    process.stderr.write(`bench: unknown benchmark "${name}"\n\n${usage()}`);
    return 2;
  }
  const ctx: BenchContext = {
    args,
    emit: (result: BenchResult) => void process.stdout.write(`${JSON.stringify(result)}\n`),
    log: (message: string) => void process.stderr.write(`[bench ${name}] ${message}\n`),
  };
  const mod = await entry.load();
  await mod.run(ctx);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
