/**
 * `npm run -s bench -- api`
 *
 * The hunt API (libs/hunt huntService) on real Kafka and Redis (rate-limit sync) in this process;
 * the loot-service (lootService) in a child process, as production runs them apart
 * (loot-process.ts); both scoped by this run's prefix (keys and topics, removed afterwards);
 * autocannon in another child process (load-client.ts) at 50 connections.
 * - api-nearby-index, api-nearby: the nearby read over the shipped world's steady state against
 *   a bare Fastify route answering the same bytes (nearby.ts).
 * - api-claim-visibility: how long a claim won on one replica stays listed on another.
 * - api-claim: POST /v1/treasures/{id}/claim, every call a win of a fresh treasure, through
 *   hunt -> gRPC -> Redis Lua. Its targets are published only after the nearby read, at one spot
 *   of the harbour, so they never sit in a nearby answer.
 * The bench config raises rate_limits.reads_per_second so 50 connections are not throttled (the
 * limiter still runs). Env: BENCH_SECONDS = seconds per measured slice (default 5).
 */
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, ulid } from '@hunt/contracts';
import { uniqueName, waitFor } from '@hunt/event-bus/testing';
import { huntService, mintToken } from '@hunt/hunt';
import { createKafkaEventBus } from '@hunt/event-bus';
import { claimRulesFrom } from '@hunt/loot';
import { createRedisTreasureStore } from '@hunt/loot-store';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import {
  closeAll,
  createLogger,
  createServiceContext,
  createServiceCore,
  startService,
  type Infra,
} from '@hunt/service-kit';
import { writeTempConfig } from '@hunt/static-config/testing';
import { ensureInfra } from '@hunt/test-infra';
import { shardAt } from '@hunt/world';
import { readFileSync } from 'node:fs';
import type { BenchContext } from '../lib/bench-module';
import { deleteTopics } from '../lib/kafka-topics';
import { loadAverage1m } from '../lib/proc-stat';
import { SHIPPED_CONFIG_FILE } from '../lib/shipped-world';
import { measureNearby } from './nearby';
import { load, startLootProcess } from './processes';
import { measureClaimVisibility } from './visibility';

const CONNECTIONS = 50;
/** Claims measured one by one for api-claim-visibility (kept under claims_per_minute). */
const VISIBILITY_SAMPLES = 25;
const SECRET = 'bench-secret-bench-secret-bench-secret';
/** The loot process requires it; the hunt API replicas send it. */
const SERVICE_TOKEN = 'bench-service-token-bench-service-token';
const CLAIM_SPOT = { zone: 'harbour', lat: 53.545, lng: 9.975 };

export async function run(ctx: BenchContext): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] || 5);
  const infra = await ensureInfra({ log: (m) => ctx.log(m) });
  const configText = readFileSync(SHIPPED_CONFIG_FILE, 'utf8').replace(
    'reads_per_second = 20',
    'reads_per_second = 10000',
  );
  const configFile = writeTempConfig(configText);
  // This run's deployment scope: its own keys and topics on the shared servers.
  const prefix = uniqueName('bench-api');
  const scoped: Infra = {
    kind: 'real',
    redisUrl: infra.redisUrl,
    kafkaBrokers: infra.kafkaBrokers,
    redisKeyPrefix: prefix,
    kafkaTopicPrefix: prefix,
  };
  const loot = await startLootProcess({ configFile, prefix, infra, serviceToken: SERVICE_TOKEN });
  const core = createServiceCore({ service: 'hunt-api', configFile });
  const config = core.loaded.config;
  const bus = await createKafkaEventBus({
    brokers: infra.kafkaBrokers,
    topicPrefix: prefix,
    clientId: 'bench-api',
    configVersion: core.loaded.version,
    partitions: 2,
  });
  const lootStore = await createRedisTreasureStore({
    url: infra.redisUrl,
    keyPrefix: prefix,
    rules: claimRulesFrom(config),
    configVersion: core.loaded.version,
  });
  /** A hunt API replica as the app runs it (huntService), listening on a free port. */
  const replica = async (service: string) => {
    const ctx = createServiceContext({
      service,
      core: createServiceCore({ service, configFile }),
      logger: createLogger(service, 'silent'),
      infra: scoped,
    });
    const part = await huntService(ctx, {
      jwtSecret: SECRET,
      lootAddress: `127.0.0.1:${loot.info.port}`,
      lootServiceToken: SERVICE_TOKEN,
    });
    const running = await startService(ctx, part, { host: '127.0.0.1', httpPort: 0, grpcPort: 0 });
    return { index: part.index, port: running.httpPort, close: () => closeAll(running.closers, () => {}) };
  };
  const api = await replica('hunt-api');
  // A second replica, only for its nearby index: how fast does a claim on `api` reach it?
  const replicaB = await replica('hunt-api-b');
  const nowS = Math.floor(Date.now() / 1000);
  const tokens = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => mintToken({ secret: SECRET, playerId: `${prefix}-${i}`, nowS }));

  try {
    await measureNearby({ ctx, config, api, seconds, connections: CONNECTIONS, tokens: tokens(CONNECTIONS, 'reader') });

    // Claim targets: one spot in the harbour, through Kafka to both replicas and to loot.
    const claimCount = Math.ceil(seconds * 3000) + VISIBILITY_SAMPLES;
    const claimShard = shardAt(CLAIM_SPOT.lat, CLAIM_SPOT.lng);
    const [sizeA, sizeB] = [api.index.size(), replicaB.index.size()];
    const now = Date.now();
    const claimIds = Array.from({ length: claimCount }, () => ulid(now));
    ctx.log(`publishing ${claimCount} claim targets`);
    // In slices, so the awaited promises stay few.
    for (let i = 0; i < claimIds.length; i += 500) {
      await Promise.all(
        claimIds.slice(i, i + 500).map((treasure_id) =>
          bus.publish({
            topic: TREASURE_SPAWNED_TOPIC,
            key: claimShard,
            schema: treasureSpawnedV1,
            value: {
              treasure_id,
              zone_id: CLAIM_SPOT.zone,
              lat: CLAIM_SPOT.lat,
              lng: CLAIM_SPOT.lng,
              tier: 'common',
              spawned_at: now,
              expires_at: now + config.spawn.treasure_ttl_s * 1000,
              config_version: core.loaded.version,
            },
          }),
        ),
      );
    }
    await waitFor(
      'both API replicas to hold every claim target',
      () => api.index.size() >= sizeA + claimCount && replicaB.index.size() >= sizeB + claimCount,
      120_000,
    );
    // One key, so one partition consumed in order: the last claim target live means all are.
    await waitFor(
      'loot to materialise the claim targets',
      async () => (await lootStore.treasureState(claimShard, claimIds.at(-1)!, Date.now())) === 'live',
      120_000,
    );

    const visibilityToken = mintToken({ secret: SECRET, playerId: 'visibility', nowS });
    const visibility = await measureClaimVisibility({
      ids: claimIds.splice(0, VISIBILITY_SAMPLES),
      replicaB: replicaB.index,
      claim: async (id) =>
        (
          await fetch(`http://127.0.0.1:${api.port}/v1/treasures/${id}/claim`, {
            method: 'POST',
            headers: { authorization: `Bearer ${visibilityToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ lat: CLAIM_SPOT.lat, lng: CLAIM_SPOT.lng }),
          })
        ).status,
    });
    ctx.emit({ bench: 'api-claim-visibility', ...visibility, target_ms: 250, load_avg_1m: loadAverage1m() });

    // Each claim wins a fresh treasure; 1000 players keep every player under claims_per_minute.
    const claim = await load({
      url: `http://127.0.0.1:${api.port}`,
      connections: CONNECTIONS,
      durationS: seconds,
      amount: claimIds.length,
      method: 'POST',
      paths: claimIds.map((id) => `/v1/treasures/${id}/claim`),
      tokens: tokens(Math.max(1000, Math.ceil(claimCount / 20)), 'claimer'),
      body: JSON.stringify({ lat: CLAIM_SPOT.lat, lng: CLAIM_SPOT.lng }),
    });
    ctx.emit({
      bench: 'api-claim',
      rps: Math.round(claim.rps),
      p99_ms: claim.p99_ms,
      p50_ms: claim.p50_ms,
      claims: claim.requests,
      errors: claim.errors + claim.non2xx,
      connections: CONNECTIONS,
      load_avg_1m: loadAverage1m(),
    });
  } finally {
    await replicaB.close();
    await api.close();
    await lootStore.close();
    await bus.close();
    await loot.stop();
    await deleteRedisKeys(infra.redisUrl, prefix);
    await deleteTopics(infra.kafkaBrokers, prefix);
  }
}
