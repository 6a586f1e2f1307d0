import { createKafkaEventBus } from '@hunt/event-bus';
import { startHuntApi } from '@hunt/hunt';
import { connectRedis } from '@hunt/redis-connection';
import { bootService, createOutageLog } from '@hunt/service-kit';
import { envSchema } from './env';

const SERVICE = 'hunt-api';

// Wiring only: everything else lives in libs/hunt.
await bootService(
  { service: SERVICE, envSchema, appDir: import.meta.dirname },
  async ({ env, logger, core, closers, listen }) => {
    const outages = createOutageLog(logger);
    // Not awaited ready: rate limits fail open while Redis is away, so the API starts without it.
    const redis = connectRedis(env.REDIS_URL, (err) => outages.report('redis', err, 'redis connection error'));
    closers.push({ name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) });
    const bus = await createKafkaEventBus({
      brokers: env.KAFKA_BROKERS,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      clientId: SERVICE,
      configVersion: core.loaded.version,
      observeVersion: (v) => core.staleness.observeVersion(v),
      onTransientError: (err) => outages.report('kafka', err, 'kafka error'),
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

    await listen({
      http: api.http,
    });
  },
);
