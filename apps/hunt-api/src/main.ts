import { createKafkaEventBus } from '@hunt/event-bus';
import { startHuntApi } from '@hunt/hunt';
import {
  connectRedis,
  createLogger,
  createServiceCore,
  installShutdown,
  parseEnv,
  resolveConfigFile,
  runMain,
  startStandardService,
  type Closer,
} from '@hunt/service-kit';
import { envSchema } from './env';

const SERVICE = 'hunt-api';

// Reads the environment, builds the app and listens; everything else lives in libs/hunt.
await runMain(SERVICE, async () => {
  const env = parseEnv(envSchema, process.env);
  const logger = createLogger(SERVICE, env.LOG_LEVEL);
  const core = createServiceCore({
    service: SERVICE,
    configFile: resolveConfigFile(env.HUNT_CONFIG, import.meta.dirname),
  });
  const closers: Closer[] = [];
  installShutdown({ logger, closers: () => closers });

  // Not awaited ready: rate limits fail open while Redis is away, so the API starts without it.
  const redis = connectRedis(env.REDIS_URL, (err) => logger.warn({ err: err.message }, 'redis connection error'));
  closers.push({ name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) });
  const bus = await createKafkaEventBus({
    brokers: env.KAFKA_BROKERS,
    clientId: SERVICE,
    configVersion: core.loaded.version,
    observeVersion: (v) => core.staleness.observeVersion(v),
    onTransientError: (err) => logger.warn({ err }, 'kafka error'),
  });
  closers.push({ name: 'kafka', close: () => bus.close() });
  const api = await startHuntApi({
    core,
    bus,
    lootAddress: env.LOOT_GRPC_ADDRESS,
    jwtSecret: env.JWT_SECRET,
    redis: { client: redis, keyPrefix: env.REDIS_KEY_PREFIX },
    logger,
  });
  closers.push(...api.closers);

  const running = await startStandardService({
    core,
    logger,
    host: env.HOST,
    grpcPort: env.GRPC_PORT,
    httpPort: env.HTTP_PORT,
    http: api.http,
  });
  closers.push(...running.closers);
});
