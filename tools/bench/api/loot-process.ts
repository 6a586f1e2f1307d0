/**
 * The loot-service side of the api bench in its own process, as in production (the hunt API
 * never shares a process with loot): the loot-service composition (lootService) on real Redis
 * and Kafka, scoped by the bench run's prefix (keys and topics). Prints one JSON line {port}
 * once serving; closes everything on SIGTERM.
 * Usage: REDIS_URL=... KAFKA_BROKERS=... LOOT_SERVICE_TOKEN=... loot-process.ts <config.toml> <prefix>
 */
import { lootService } from '@hunt/loot';
import { closeAll, createLogger, createServiceContext, createServiceCore, startService } from '@hunt/service-kit';

const [configFile, prefix] = process.argv.slice(2);
const redisUrl = process.env['REDIS_URL'];
const brokers = process.env['KAFKA_BROKERS'];
const serviceToken = process.env['LOOT_SERVICE_TOKEN'];
if (!configFile || !prefix || !redisUrl || !brokers || !serviceToken) {
  console.error('usage: REDIS_URL=... KAFKA_BROKERS=... LOOT_SERVICE_TOKEN=... loot-process.ts <config.toml> <prefix>');
  process.exit(2);
}
const core = createServiceCore({ service: 'loot-service', configFile });
const ctx = createServiceContext({
  service: 'loot-service',
  core,
  logger: createLogger('loot-service', 'warn'),
  infra: {
    kind: 'real',
    redisUrl,
    kafkaBrokers: brokers.split(','),
    redisKeyPrefix: prefix,
    kafkaTopicPrefix: prefix,
  },
});
// The bench never replays rolls: any key of the right length will do.
const rollSecret = process.env['LOOT_ROLL_SECRET'] || 'bench-roll-secret-bench-roll-secret-bench';
const running = await startService(ctx, await lootService(ctx, { rollSecret, serviceToken }), {
  host: '127.0.0.1',
  httpPort: 0,
  grpcPort: 0,
});
process.stdout.write(JSON.stringify({ port: running.grpcPort }) + '\n');
process.once('SIGTERM', () => {
  void closeAll(running.closers, () => {}).finally(() => process.exit(0));
});
