import type { EventBus } from '@hunt/event-bus';
import { createOutageLog, type Closer, type Logger, type ReadinessCheck, type ServiceCore } from '@hunt/service-kit';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildHuntApp } from './app';
import { createAuthenticator } from './auth/authenticator';
import { createGrpcLootClient } from './loot/grpc-loot-client';
import { startNearbyFeed } from './nearby/feed';
import { createNearbyIndex, type NearbyIndex } from './nearby/nearby-index';
import { createReadLimiter } from './rate-limit/read-limiter';
import { createRedisCounterSync } from './rate-limit/redis-counter-sync';

export interface HuntApiDeps {
  readonly core: Pick<ServiceCore, 'loaded' | 'registry' | 'staleness'>;
  readonly bus: Pick<EventBus, 'subscribe' | 'ensureTopics' | 'healthy'>;
  /** host:port of the loot-service's gRPC port. */
  readonly lootAddress: string;
  readonly jwtSecret: string;
  /** Shared rate-limit counters; without it each replica limits on its own (the embedded engine). */
  readonly redis?: { readonly client: Redis; readonly keyPrefix: string };
  readonly logger: Logger;
  readonly now?: () => number;
  readonly topics?: { readonly spawned: string; readonly awarded: string };
}

export interface HuntApi {
  /** Built, not listening: the caller listens (startStandardService). */
  readonly http: FastifyInstance;
  readonly index: NearbyIndex;
  /** In opening order; the caller closes them in reverse. Bus and Redis stay the caller's. */
  readonly closers: readonly Closer[];
}

/**
 * The hunt API's parts over the given adapters (Kafka + Redis, or the embedded bus): the
 * nearby index and its feed, the read limiter, the loot gRPC client and the HTTP app.
 * Readiness follows the event bus only: with Redis down reads fail open, with the loot-service
 * down claims and player reads answer 503 while the nearby read keeps working.
 */
export async function startHuntApi(deps: HuntApiDeps): Promise<HuntApi> {
  const now = deps.now ?? Date.now;
  const { core, logger } = deps;
  const index = createNearbyIndex();
  const outages = createOutageLog(logger);
  const feed = await startNearbyFeed({ bus: deps.bus, index, now, topics: deps.topics });
  const closers: Closer[] = [{ name: 'nearby-feed', close: () => feed.stop() }];
  const readLimiter = createReadLimiter({
    limitPerS: core.loaded.config.rate_limits.reads_per_second,
    now,
    sync: deps.redis && createRedisCounterSync(deps.redis.client, deps.redis.keyPrefix),
    onSyncError: (err) =>
      outages.report('redis', err, 'rate-limit sync failed; limiting per replica until Redis is back'),
  });
  closers.push({ name: 'read-limiter', close: () => readLimiter.stop() });
  const loot = createGrpcLootClient({ address: deps.lootAddress });
  closers.push({ name: 'loot-client', close: async () => loot.close() });
  const readiness: ReadinessCheck[] = [{ name: 'event-bus', check: () => deps.bus.healthy() }];
  const http = await buildHuntApp({
    loaded: core.loaded,
    registry: core.registry,
    readiness,
    index,
    loot,
    auth: createAuthenticator({ secret: deps.jwtSecret, nowMs: now }),
    readLimiter,
    staleness: core.staleness,
    now,
    logError: (err) => logger.error({ err }, 'request failed'),
  });
  return { http, index, closers };
}
