/**
 * `npm start`: the whole engine in this process (see engine.ts), simulated players and a live
 * summary. Ctrl-C (or SIGTERM) closes everything in reverse order of opening.
 */
import {
  createLogger,
  infraEnvShape,
  infraFromEnv,
  installShutdown,
  parseEnv,
  resolveConfigFile,
  runMain,
  withDeploymentScope,
  type Closer,
} from '@hunt/service-kit';
import { z } from 'zod';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBotStats, startBots } from './bots';
import { jwtSecretFrom, rollSecretFrom, serviceTokenFrom } from './dev-secret';
import { SERVICE_LIST } from '@hunt/service-kit';
import { startEngine, type EngineInfra } from './engine';
import { localPlayConfig } from './local-season';
import { startSummary } from './summary';

const HELP = `usage: npm start [-- options]

Runs hunt-api, loot-service and spawner in this process, each on its own ports:
${SERVICE_LIST.map((s) => `  ${s.name.padEnd(13)} http://127.0.0.1:${s.httpPort}  grpc 127.0.0.1:${s.grpcPort}`).join('\n')}
Without REDIS_URL and KAFKA_BROKERS everything is embedded (in-memory event bus, treasure store
and spawner coordination); with both set the same services run on those servers.

Options:
  --bots <n>         simulated players hunting through the HTTP API (default 5; 0 for none)
  --speed <m/s>      how fast bots move (default 15, a cyclist; claim.max_speed_mps is the anti-cheat limit)
  --season <mode>    now:   if the config's season is not running, play a temporary copy whose
                            season starts now (default; printed when it happens)
                     as-is: play the file unchanged (a closed season spawns nothing)
  --no-summary       no live summary (logs only)
  -h, --help         this text

Env: HUNT_CONFIG (default config/hunt.toml); REDIS_URL + KAFKA_BROKERS, with REDIS_KEY_PREFIX
(default "hunt") and KAFKA_TOPIC_PREFIX (default none; required with another Redis prefix) to
scope this run on shared servers; JWT_SECRET (default: a local development secret;
\`npm run -s token -- <player>\` mints a token with the same); LOOT_ROLL_SECRET and
LOOT_SERVICE_TOKEN (default: local development values); HOST (default 127.0.0.1); LOG_LEVEL
(default warn).

Exit codes: 0 stopped by Ctrl-C or SIGTERM; 1 failed to start (bad config or environment, a
port in use, servers unreachable); 2 usage error.`;

const { values } = parseArgs({
  options: {
    bots: { type: 'string', default: '5' },
    speed: { type: 'string', default: '15' },
    season: { type: 'string', default: 'now' },
    'no-summary': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const bots = Number(values.bots);
const speed = Number(values.speed);
const usageError = (message: string) => {
  console.error(`engine: ${message}\n\n${HELP}`);
  process.exit(2);
};
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (!Number.isInteger(bots) || bots < 0 || bots > 10_000) usageError('--bots must be an integer within 0..10000');
if (!(speed > 0 && speed <= 100)) usageError('--speed must be within (0, 100] m/s');
if (values.season !== 'now' && values.season !== 'as-is') usageError('--season must be "now" or "as-is"');
const env = process.env;
if (Boolean(env['REDIS_URL']) !== Boolean(env['KAFKA_BROKERS']))
  usageError('set both REDIS_URL and KAFKA_BROKERS, or neither');

await runMain('engine', async () => {
  const infra: EngineInfra = env['REDIS_URL'] ? realInfra() : { kind: 'embedded' };
  const baked = resolveConfigFile(env['HUNT_CONFIG'], join(import.meta.dirname, '../../apps/hunt-api/src'));
  const play = values.season === 'now' ? localPlayConfig(baked, Date.now()) : { file: baked };
  if (play.shifted) {
    console.error(
      `engine: the season of ${baked} starts ${play.shifted.from} and is not running; playing a temporary copy whose season starts ${play.shifted.to} (--season as-is plays the file unchanged)`,
    );
  }
  const jwtSecret = jwtSecretFrom(env);
  const host = env['HOST'] || '127.0.0.1';
  const engine = await startEngine({
    configFile: play.file,
    infra,
    host,
    jwtSecret,
    rollSecret: rollSecretFrom(env),
    serviceToken: serviceTokenFrom(env),
    logger: (service) => createLogger(service, env['LOG_LEVEL'] || 'warn'),
  });
  const closers: Closer[] = [...engine.closers];
  installShutdown({ logger: createLogger('engine', 'warn'), closers: () => closers });
  const api = engine.services.find((s) => s.name === 'hunt-api')!;
  console.error(
    `engine: ${infra.kind === 'embedded' ? 'embedded (no Kafka, no Redis)' : `on Redis ${infra.redisUrl} and Kafka ${infra.kafkaBrokers.join(',')}`}; ` +
      `${engine.services.map((s) => `${s.name} http ${s.httpPort} grpc ${s.grpcPort}`).join('; ')}; config v${api.core.loaded.version}; Ctrl-C stops`,
  );
  console.error(
    `engine: try  curl -H "authorization: Bearer $(npm run -s token -- me)" 'http://127.0.0.1:${api.httpPort}/v1/zones'`,
  );

  const stats = createBotStats();
  const config = api.core.loaded.config;
  const running = startBots({
    count: bots,
    baseUrl: `http://127.0.0.1:${api.httpPort}`,
    config,
    jwtSecret,
    speedMps: speed,
    stats,
  });
  closers.push({ name: 'bots', close: () => running.stop() });
  if (!values['no-summary']) {
    const summary = await startSummary({ engine, bus: engine.bus, stats, bots, out: process.stdout });
    closers.push({ name: 'summary', close: () => summary.stop() });
  }
});

/** The real servers and this deployment's scope, validated as the services validate them. */
function realInfra(): EngineInfra {
  return infraFromEnv(parseEnv(withDeploymentScope(z.object(infraEnvShape)), env));
}
