/**
 * `npm test`: every unit, contract and integration test in one node:test run, against real
 * Redis and Kafka. Uses REDIS_URL and KAFKA_BROKERS when both are set; otherwise brings the
 * servers up with tools/infra (and stops those it started when the run ends, unless
 * --keep-infra is given). A server that cannot be had fails the run: nothing is skipped.
 *
 *   npm test                         all tests
 *   npm test -- libs/static-config   only test files under the given folders
 *   npm test -- --keep-infra         leave servers this run started running
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ensureInfra, stopInfra } from '../infra/index';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(
    'usage: npm test [-- [--keep-infra] [folder...]]\nEnv: REDIS_URL, KAFKA_BROKERS (use these servers instead of tools/infra)',
  );
  process.exit(0);
}
const keepInfra = args.includes('--keep-infra');
const folders = args.filter((a) => !a.startsWith('--'));
const roots = folders.length > 0 ? folders.map((f) => f.replace(/\/$/, '')) : ['apps', 'libs', 'tools'];
const patterns = roots.flatMap((root) => [`${root}/**/*.spec.ts`, `${root}/**/*.int.ts`]);

let started: string[] = [];
const env = { ...process.env };
if (env.REDIS_URL && env.KAFKA_BROKERS) {
  console.error(`test: using REDIS_URL=${env.REDIS_URL} KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
} else {
  const infra = await ensureInfra();
  started = infra.started;
  env.REDIS_URL = infra.redisUrl;
  env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
  console.error(`test: Redis at ${env.REDIS_URL}, Kafka at ${env.KAFKA_BROKERS}`);
}

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--disable-warning=TimeoutNegativeWarning',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    ...patterns.map((p) => `${p}`),
  ],
  { env, stdio: 'inherit' },
);
const [code] = (await once(child, 'exit')) as [number | null];

if (started.length > 0 && !keepInfra) await stopInfra();
process.exit(code ?? 1);
