/**
 * `npm run infra -- up [--with prometheus,redis-cluster,kafka-cluster]|down|status`. Progress goes to stderr;
 * `up` ends with REDIS_URL=... and KAFKA_BROKERS=... (and PROMETHEUS_URL=..., REDIS_CLUSTER_URL=...)
 * on stdout for scripts to eval/parse.
 */
import {
  DEFAULT_KAFKA_VERSION,
  ensureInfra,
  ensureKafkaCluster,
  ensureRedisCluster,
  InfraError,
  infraStatus,
  kafkaClusterStatus,
  prometheusStatus,
  redisClusterStatus,
  startPrometheus,
  stopInfra,
  stopKafkaCluster,
  stopPrometheus,
  stopRedisCluster,
  type ServerStatus,
} from '@hunt/test-infra';
import { helpText, runCommand, UsageError } from '../cli/usage';

/** Servers `up` starts only when --with names them; each also needs a case in main. */
const OPTIONAL = ['prometheus', 'redis-cluster', 'kafka-cluster'] as const;
type Optional = (typeof OPTIONAL)[number];

const spec = {
  name: 'infra',
  usage: [
    'npm run infra -- <command> [--with prometheus,redis-cluster,kafka-cluster]',
    'node --import tsx tools/infra/cli.ts <command>',
  ],
  description: `Runs a real Redis and a single-node Kafka (KRaft) on 127.0.0.1 for tests, and on
request a Prometheus evaluating deploy/prometheus/alerts.yml every second and a Redis Cluster
(three primaries, one replica each).
State (pid files, logs, data) lives in .infra/ (Kafka's data in a folder per version);
Kafka jars in .cache/kafka-jars/<version>/.
Needs: java 17+ (openjdk-17-jre-headless), mvn (maven), redis-server; for --with: prometheus,
redis-cli (redis-tools).`,
  sections: {
    Commands: `  up       Start whatever is not already serving and wait until each really
           serves (Redis PING, Kafka DescribeCluster). Idempotent. Installs
           redis-server with apt-get when missing and running as root.
           Prints REDIS_URL=... and KAFKA_BROKERS=... on stdout, e.g.
             eval "$(npm run -s infra -- up)"
           With --with prometheus, also a Prometheus (Debian's package, installed
           likewise) that scrapes every second the targets listed in
           .infra/prometheus/targets.json (file_sd: edit it while it runs), and
           PROMETHEUS_URL=... on stdout. With --with redis-cluster, also a Redis
           Cluster of 3 primaries + 3 replicas (ready once all 16384 slots serve and
           every primary has a connected replica; an unhealthy one of ours is
           recreated), and REDIS_CLUSTER_URL=redis-cluster://... on stdout. With
           --with kafka-cluster, also a three-node Kafka (KRaft, replication
           factor 3, min.insync.replicas 2; ready once all three serve and the
           offsets topic has its full ISR), and KAFKA_CLUSTER_BROKERS=... on stdout.
           Without --with, running optional servers are left alone.
  down     Stop the servers that 'up' started, the optional ones too (SIGTERM, then
           SIGKILL). Safe when nothing runs; never touches servers it did not start.
  status   Show each server: serving or not, pid, address (optional ones when they run).
  help     This text.`,
  },
  allowPositionals: true,
  options: {
    with: {
      type: 'string',
      value: '<servers>',
      description: `up: also start these, comma-separated: ${OPTIONAL.join(', ')}`,
    },
  },
  environment: {
    INFRA_REDIS_PORT: 'Redis port (default 6390)',
    INFRA_KAFKA_PORT: 'Kafka broker port (default 19092)',
    INFRA_KAFKA_CONTROLLER_PORT: 'Kafka KRaft controller port (default 19093)',
    INFRA_KAFKA_VERSION: `Kafka version resolved by Maven (default ${DEFAULT_KAFKA_VERSION};\n3.9.x works too)`,
    INFRA_PROMETHEUS_PORT: 'Prometheus port (default 19090)',
    INFRA_KAFKA_CLUSTER_PORT:
      'first broker port of the three-node Kafka (default 19101: 19101-19103,\ncontrollers +10)',
    INFRA_REDIS_CLUSTER_PORT: "first of the Redis Cluster's six ports (default 6400: 6400-6405,\nbus ports +10000)",
  },
  exitCodes: {
    0: 'done (status: Redis and Kafka serve)',
    1: 'failed (a server could not be started or stopped)',
    3: 'status: Redis or Kafka is not serving',
  },
  formatFailure: (err: unknown) => {
    const msg =
      err instanceof InfraError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    return `[infra] FAILED: ${msg}`;
  },
} as const;

const log = (line: string) => process.stderr.write(`[infra] ${line}\n`);

function describe(name: string, s: ServerStatus): string {
  const state = s.serving ? 'running' : 'not running';
  const owner = s.pid !== null ? `pid ${s.pid}, started by tools/infra` : s.serving ? 'not started by tools/infra' : '';
  return `${name.padEnd(13)} ${state.padEnd(12)} ${s.address}${owner ? `  (${owner})` : ''}`;
}

/** Redis and Kafka always; the optional servers when they run. */
async function statusLines(): Promise<{ lines: string; core: boolean }> {
  const [st, prom, cluster, kafkas] = await Promise.all([
    infraStatus(),
    prometheusStatus(),
    redisClusterStatus(),
    kafkaClusterStatus(),
  ]);
  const lines = [describe('redis', st.redis), describe('kafka', st.kafka)];
  if (prom.serving || prom.pid !== null) lines.push(describe('prometheus', prom));
  if (cluster.serving || cluster.pid !== null) lines.push(describe('redis-cluster', cluster));
  if (kafkas.serving || kafkas.pid !== null) lines.push(describe('kafka-cluster', kafkas));
  return { lines: lines.join('\n') + '\n', core: st.redis.serving && st.kafka.serving };
}

function parseWith(raw: string | undefined): Set<Optional> {
  const names = (raw ?? '').split(',').filter((n) => n !== '');
  const bad = names.filter((n) => !(OPTIONAL as readonly string[]).includes(n));
  if (bad.length > 0) {
    throw new UsageError(`--with: unknown server '${bad.join("', '")}' (known: ${OPTIONAL.join(', ')})`);
  }
  return new Set(names as Optional[]);
}

async function main(command: string, also: Set<Optional>): Promise<number> {
  if (also.size > 0 && command !== 'up') throw new UsageError(`--with goes with 'up' only, not '${command}'`);
  switch (command) {
    case 'help':
      process.stdout.write(helpText(spec));
      return 0;
    case 'up': {
      const t0 = Date.now();
      const env = await ensureInfra();
      const prom = also.has('prometheus') ? await startPrometheus({ log }) : null;
      const cluster = also.has('redis-cluster') ? await ensureRedisCluster({ log }) : null;
      const kafkas = also.has('kafka-cluster') ? await ensureKafkaCluster({ log }) : null;
      const started = [
        ...env.started,
        ...(prom?.outcome === 'started' ? ['prometheus'] : []),
        ...(cluster?.started ? ['redis-cluster'] : []),
        ...(kafkas?.started ? ['kafka-cluster'] : []),
      ];
      process.stderr.write((await statusLines()).lines);
      const what = started.length ? `started ${started.join(', ')}` : 'all reused';
      process.stderr.write(`[infra] up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${what})\n`);
      process.stdout.write(`REDIS_URL=${env.redisUrl}\nKAFKA_BROKERS=${env.kafkaBrokers.join(',')}\n`);
      if (prom) process.stdout.write(`PROMETHEUS_URL=${prom.url}\n`);
      if (cluster) process.stdout.write(`REDIS_CLUSTER_URL=${cluster.url}\n`);
      if (kafkas) process.stdout.write(`KAFKA_CLUSTER_BROKERS=${kafkas.brokers.join(',')}\n`);
      return 0;
    }
    case 'down':
      if (await stopPrometheus()) log('stopped prometheus');
      if (await stopRedisCluster()) log('stopped redis-cluster');
      if (await stopKafkaCluster()) log('stopped kafka-cluster');
      await stopInfra();
      process.stderr.write('[infra] down\n');
      return 0;
    case 'status': {
      const { lines, core } = await statusLines();
      process.stdout.write(lines);
      return core ? 0 : 3;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// If the event loop ever drains before main settles (a bug), exit non-zero rather than 0.
process.exitCode = 1;
void runCommand(spec, ({ positionals, values }) => {
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command (up, down or status)');
  if (extra.length > 0) throw new UsageError(`one command at a time, got '${positionals.join(' ')}'`);
  return main(command, parseWith(values.with));
}).then((code) => process.exit(code));
