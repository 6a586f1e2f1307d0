/**
 * `npm test`: every unit, contract and integration test against real Redis and Kafka, in two
 * node:test runs: first `*.spec.ts` and `*.int.ts` (two files at a time), then `*.chaos.ts`
 * alone (those stop and restart the shared servers, so nothing may run beside them). Ends with
 * one "N passed, N failed" line over both runs.
 *
 * Uses REDIS_URL and KAFKA_BROKERS when both are set; otherwise brings the servers up with
 * tools/infra (and stops those it started when the run ends, unless --keep-infra is given).
 * A server that cannot be had fails the run: nothing is skipped.
 *
 *   npm test                         all tests
 *   npm test -- libs/static-config   only test files under the given folders
 *   npm test -- --keep-infra         leave servers this run started running
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ensureInfra, stopInfra } from '@hunt/test-infra';

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
const glob = (suffix: string) => roots.map((root) => `${root}/**/*${suffix}`);

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

// The hunt API refuses to start without a token key; tests that start the apps as they are
// (release, build, metrics catalogue) inherit this one. Integration tests pass their own.
env.JWT_SECRET ||= 'npm-test-jwt-secret-at-least-32-characters';

/** Runs one node:test pass, echoing its output, and returns its exit code and counts. */
async function testRun(patterns: string[], concurrency: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--disable-warning=TimeoutNegativeWarning',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      ...patterns,
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const counts = { pass: 0, fail: 0, tests: 0 };
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(line + '\n');
    const m = /^ℹ (tests|pass|fail) (\d+)$/.exec(line);
    if (m) counts[m[1] as keyof typeof counts] = Number(m[2]);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code: code ?? 1, ...counts };
}

const main = await testRun([...glob('.spec.ts'), ...glob('.int.ts')], 2);
const chaos = await testRun(glob('.chaos.ts'), 1);
if (started.length > 0 && !keepInfra) await stopInfra();
const failed =
  main.fail +
  chaos.fail +
  (main.code !== 0 && main.fail === 0 ? 1 : 0) +
  (chaos.code !== 0 && chaos.fail === 0 ? 1 : 0);
console.log(`\n${main.pass + chaos.pass} passed, ${failed} failed`);
process.exit(main.code !== 0 ? main.code : chaos.code);
