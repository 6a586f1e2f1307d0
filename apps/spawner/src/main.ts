import { createKafkaEventBus } from '@hunt/event-bus';
import {
  createLogger,
  createServiceCore,
  installShutdown,
  parseEnv,
  resolveConfigFile,
  runMain,
  startStandardService,
  type Closer,
} from '@hunt/service-kit';
import { connectRedis, createRedisCoordination, startSpawnerService, waitReady } from '@hunt/spawning';
import { envSchema } from './env';

const SERVICE = 'spawner';

// Reads the environment, builds the service and listens; everything else lives in libs.
await runMain(SERVICE, async () => {
  const env = parseEnv(envSchema, process.env);
  const logger = createLogger(SERVICE, env.LOG_LEVEL);
  const core = createServiceCore({
    service: SERVICE,
    configFile: resolveConfigFile(env.HUNT_CONFIG, import.meta.dirname),
  });
  const closers: Closer[] = [];
  installShutdown({ logger, closers: () => closers });

  const redis = connectRedis(env.REDIS_URL, (err) => logger.warn({ err: err.message }, 'redis connection error'));
  closers.push({ name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) });
  await waitReady(redis, 5000);
  const bus = await createKafkaEventBus({
    brokers: env.KAFKA_BROKERS,
    clientId: `${SERVICE}-${env.SPAWNER_REPLICA_ID}`,
    configVersion: core.loaded.version,
    onTransientError: (err) => logger.warn({ err }, 'kafka error'),
  });
  closers.push({ name: 'kafka', close: () => bus.close() });
  const coordination = createRedisCoordination(redis, `${env.REDIS_KEY_PREFIX}:`);
  const spawner = await startSpawnerService({
    core,
    bus,
    leases: coordination,
    ramps: coordination,
    replicaId: env.SPAWNER_REPLICA_ID,
    logger,
  });
  closers.push(spawner.closer);

  const running = await startStandardService({
    core,
    logger,
    host: env.HOST,
    grpcPort: env.GRPC_PORT,
    httpPort: env.HTTP_PORT,
    readiness: [
      { name: 'redis', check: () => redis.status === 'ready' },
      { name: 'kafka', check: () => bus.healthy() },
    ],
  });
  closers.push(...running.closers);
});
