/**
 * `npm run infra -- up|down|status`. Progress goes to stderr; `up` ends with
 * REDIS_URL=... and KAFKA_BROKERS=... on stdout for scripts to eval/parse.
 */
import { ensureInfra, InfraError, infraStatus, stopInfra, type ServerStatus } from '@hunt/test-infra';
import { helpText, runCommand, UsageError } from '../cli/usage';

const spec = {
  name: 'infra',
  usage: ['npm run infra -- <command>', 'node --import tsx tools/infra/cli.ts <command>'],
  description: `Runs a real Redis and a single-node Kafka (KRaft) on 127.0.0.1 for tests.
State (pid files, logs, data) lives in .infra/; Kafka jars in .cache/kafka-jars/.
Needs: java 17+ (openjdk-17-jre-headless), mvn (maven), redis-server.`,
  sections: {
    Commands: `  up       Start whatever is not already serving and wait until each really
           serves (Redis PING, Kafka DescribeCluster). Idempotent. Installs
           redis-server with apt-get when missing and running as root.
           Prints REDIS_URL=... and KAFKA_BROKERS=... on stdout, e.g.
             eval "$(npm run -s infra -- up)"
  down     Stop the servers that 'up' started (SIGTERM, then SIGKILL).
           Safe when nothing runs; never touches servers it did not start.
  status   Show each server: serving or not, pid, address.
  help     This text.`,
  },
  allowPositionals: true,
  options: {},
  environment: {
    INFRA_REDIS_PORT: 'Redis port (default 6390)',
    INFRA_KAFKA_PORT: 'Kafka broker port (default 19092)',
    INFRA_KAFKA_CONTROLLER_PORT: 'Kafka KRaft controller port (default 19093)',
    INFRA_KAFKA_VERSION: 'Kafka version resolved by Maven (default 3.9.1;\nkafkajs 2.2.4 does not work with 4.0.0)',
  },
  exitCodes: {
    0: 'done (status: both servers serve)',
    1: 'failed (a server could not be started or stopped)',
    3: 'status: a server is not serving',
  },
  formatFailure: (err: unknown) => {
    const msg =
      err instanceof InfraError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    return `[infra] FAILED: ${msg}`;
  },
} as const;

function describe(name: string, s: ServerStatus): string {
  const state = s.serving ? 'running' : 'not running';
  const owner = s.pid !== null ? `pid ${s.pid}, started by tools/infra` : s.serving ? 'not started by tools/infra' : '';
  return `${name.padEnd(6)} ${state.padEnd(12)} ${s.address}${owner ? `  (${owner})` : ''}`;
}

async function main(command: string): Promise<number> {
  switch (command) {
    case 'help':
      process.stdout.write(helpText(spec));
      return 0;
    case 'up': {
      const t0 = Date.now();
      const env = await ensureInfra();
      const st = await infraStatus();
      process.stderr.write(`${describe('redis', st.redis)}\n${describe('kafka', st.kafka)}\n`);
      const what = env.started.length ? `started ${env.started.join(', ')}` : 'all reused';
      process.stderr.write(`[infra] up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${what})\n`);
      process.stdout.write(`REDIS_URL=${env.redisUrl}\nKAFKA_BROKERS=${env.kafkaBrokers.join(',')}\n`);
      return 0;
    }
    case 'down':
      await stopInfra();
      process.stderr.write('[infra] down\n');
      return 0;
    case 'status': {
      const st = await infraStatus();
      process.stdout.write(`${describe('redis', st.redis)}\n${describe('kafka', st.kafka)}\n`);
      return st.redis.serving && st.kafka.serving ? 0 : 3;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// If the event loop ever drains before main settles (a bug), exit non-zero rather than 0.
process.exitCode = 1;
void runCommand(spec, ({ positionals }) => {
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command (up, down or status)');
  if (extra.length > 0) throw new UsageError(`one command at a time, got '${positionals.join(' ')}'`);
  return main(command);
}).then((code) => process.exit(code));
