import { createKafkaEventBus } from '@hunt/event-bus';
import { bootService, createOutageLog } from '@hunt/service-kit';
import { connectRedis, waitReady } from '@hunt/redis-connection';
import { createRedisCoordination, startSpawnerService } from '@hunt/spawning';
import { envSchema } from './env';

const SERVICE = 'spawner';

// Wiring only: everything else lives in libs/spawning.
await bootService(
  { service: SERVICE, envSchema, appDir: import.meta.dirname },
  async ({ env, logger, core, closers, listen }) => {
    const outages = createOutageLog(logger);
    const redis = connectRedis(env.REDIS_URL, (err) => outages.report('redis', err, 'redis connection error'));
    closers.push({ name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) });
    await waitReady(redis, 5000);
    const bus = await createKafkaEventBus({
      brokers: env.KAFKA_BROKERS,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      clientId: `${SERVICE}-${env.SPAWNER_REPLICA_ID}`,
      configVersion: core.loaded.version,
      onTransientError: (err) => outages.report('kafka', err, 'kafka error'),
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

    await listen({
      readiness: [
        { name: 'redis', check: () => redis.status === 'ready' },
        { name: 'kafka', check: () => bus.healthy() },
      ],
    });
  },
);
