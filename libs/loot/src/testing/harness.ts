import { shardAt } from '@hunt/world';
import { ulid } from '@hunt/contracts';
import { createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { uniqueName } from '@hunt/event-bus/testing';
import { createRedisTreasureStore, type TreasureStore } from '@hunt/loot-store';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { createLogger, createServiceCore, startGrpcServer } from '@hunt/service-kit';
import { writeTempConfig } from '@hunt/static-config/testing';
import { Kafka, logLevel } from 'kafkajs';
import { createLootMetrics } from '../metrics';
import { dlqTopic } from '@hunt/event-bus';
import { startAwardRelay } from '../award-relay';
import { createLootRoller } from '../loot-roller';
import { startLootService } from '../loot-service';
import { claimRulesFrom } from '../rules';
import { createLootClient, type LootClient } from './loot-client';
import { TEST_ROLL_SECRET, TEST_SERVICE_TOKEN } from './test-secrets';

export interface LootHarness {
  readonly port: number;
  readonly client: LootClient;
  readonly store: TreasureStore;
  readonly bus: EventBus;
  readonly topics: { readonly spawned: string; readonly awarded: string };
  readonly groupId: string;
  /** This run's Redis key prefix (another process may open the same store with it). */
  readonly keyPrefix: string;
  readonly core: ReturnType<typeof createServiceCore>;
  /**
   * Writes `count` fresh common treasures at `place` straight to the store (no spawn event), live
   * for an hour, under this config's version; returns their ids in order.
   */
  materialiseTreasures(count: number, place: { zoneId: string; lat: number; lng: number }): Promise<string[]>;
  /** Stops the spawn consumer, then starts a new one in the same consumer group. */
  restartConsumer(between?: () => Promise<void>): Promise<void>;
  /** Stops everything, deletes this run's keys and topics. */
  close(): Promise<void>;
}

/**
 * The loot-service's parts on real Redis and Kafka, in this process, on a free loopback gRPC
 * port, with this run's own key prefix, topics and consumer group, behind TEST_SERVICE_TOKEN
 * (which `client` sends). For integration tests and the claims benchmark.
 */
export async function startLootHarness(opts: {
  redisUrl: string;
  kafkaBrokers: readonly string[];
  configText?: string;
  now?: () => number;
}): Promise<LootHarness> {
  const now = opts.now ?? Date.now;
  const core = createServiceCore({ service: 'loot-test', configFile: writeTempConfig(opts.configText), now });
  const logger = createLogger('loot-test', 'silent');
  const names = {
    prefix: uniqueName('test-loot'),
    topics: { spawned: uniqueName('test.spawned'), awarded: uniqueName('test.awarded') },
    groupId: uniqueName('loot'),
  };
  const store = await createRedisTreasureStore({
    url: opts.redisUrl,
    keyPrefix: names.prefix,
    rules: claimRulesFrom(core.loaded.config),
    configVersion: core.loaded.version,
    commandTimeoutMs: 500,
  });
  const bus = await createKafkaEventBus({
    brokers: opts.kafkaBrokers,
    clientId: 'loot-test',
    configVersion: core.loaded.version,
    partitions: 2,
    observeVersion: (v) => core.staleness.observeVersion(v),
  });
  // One set of metrics for the service's life: a restarted consumer keeps counting in place.
  const metrics = createLootMetrics(core.registry);
  const roller = createLootRoller({ secret: TEST_ROLL_SECRET });
  const start = () =>
    startLootService({
      loaded: core.loaded,
      store,
      bus,
      metrics,
      roller,
      serviceToken: TEST_SERVICE_TOKEN,
      logger,
      now,
      groupId: names.groupId,
      topics: names.topics,
    });
  let loot = await start();
  const relay = startAwardRelay({
    outbox: store.outbox,
    bus,
    topic: names.topics.awarded,
    metrics,
    logger,
    now,
    maxBackoffMs: 500,
  });
  const grpc = await startGrpcServer({ host: '127.0.0.1', port: 0, services: [loot.grpc] });
  grpc.setServing(true);
  const client = createLootClient(`127.0.0.1:${grpc.port}`, { token: TEST_SERVICE_TOKEN });
  const stopConsumer = async () => {
    for (const c of [...loot.closers].reverse()) await c.close();
  };
  return {
    port: grpc.port,
    client,
    store,
    bus,
    core,
    topics: names.topics,
    groupId: names.groupId,
    keyPrefix: names.prefix,
    async materialiseTreasures(count, place) {
      const { version, config } = core.loaded;
      const at = now();
      const ids = Array.from({ length: count }, (_, i) => ulid(at + i));
      for (let i = 0; i < ids.length; i += 2000) {
        const chunk = ids.slice(i, i + 2000).map((id) => ({
          treasureId: id,
          ...place,
          shardId: shardAt(place.lat, place.lng),
          tier: 'common',
          spawnedAtMs: at,
          expiresAtMs: at + 3_600_000,
          configVersion: version,
          loot: roller.roll(config.tiers, id, 'common', version),
        }));
        await Promise.all(chunk.map((t) => store.materialise(t, at)));
      }
      return ids;
    },
    async restartConsumer(between) {
      await stopConsumer();
      await between?.();
      loot = await start();
    },
    async close() {
      client.close();
      await grpc.close(0);
      await relay.close();
      await stopConsumer();
      await bus.close();
      await store.close();
      await deleteRedisKeys(opts.redisUrl, names.prefix);
      await deleteTopics(opts.kafkaBrokers, Object.values(names.topics));
    },
  };
}

export async function deleteTopics(brokers: readonly string[], topics: string[]): Promise<void> {
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: topics.flatMap((t) => [t, dlqTopic(t)]) }).finally(() => admin.disconnect());
}
