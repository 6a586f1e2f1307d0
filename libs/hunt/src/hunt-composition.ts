import type { Composition, ServiceContext, ServicePart } from '@hunt/service-kit';
import { buildHuntApp } from './app';
import { createAuthenticator } from './auth/authenticator';
import type { JwksSettings } from './auth/jwks';
import { createGrpcLootClient } from './loot/grpc-loot-client';
import { startNearbyFeed } from './nearby/feed';
import { createNearbyIndex, type NearbyIndex } from './nearby/nearby-index';
import { createReadLimiter, type CounterSync } from './rate-limit/read-limiter';
import { createRedisCounterSync } from './rate-limit/redis-counter-sync';

export type HuntSettings = {
  /** host:port of the loot-service's gRPC port. */
  readonly lootAddress: string;
  /** The loot-service's service token (LOOT_SERVICE_TOKEN), sent with every loot call. */
  readonly lootServiceToken: string;
} & (
  | {
      /** HS256 key of player tokens (development and the embedded engine). */
      readonly jwtSecret: string;
      readonly jwks?: never;
    }
  | {
      /** Player tokens are RS256/ES256 tokens of this identity provider (production). */
      readonly jwks: JwksSettings;
      readonly jwtSecret?: never;
    }
);

/** The hunt API's part, plus its nearby index (the engine's summary counts live treasures). */
export type HuntPart = ServicePart & { readonly index: NearbyIndex };

/**
 * The hunt API, composed once for the app and the embedded engine: the nearby index fed by the
 * bus, the per-player read limiter (synced across replicas in Redis; each replica on its own
 * when embedded), the loot gRPC client and the player app. Ready while the event bus is, once the
 * nearby index has caught up with the topics (a replica that lists less than the others would
 * answer 404 to a claim of a treasure they showed): with Redis down reads fail open, with the
 * loot-service down claims and player reads answer 503 while the nearby read keeps working.
 */
export const huntService: Composition<HuntSettings, HuntPart> = async (ctx, settings) => {
  const { core, logger } = ctx;
  const now = Date.now;
  const bus = await ctx.eventBus();
  const index = createNearbyIndex();
  const feed = await startNearbyFeed({
    bus,
    index,
    now,
    treasureTtlS: core.loaded.config.spawn.treasure_ttl_s,
  });
  ctx.own({ name: 'nearby-feed', close: () => feed.close() });
  const readLimiter = createReadLimiter({
    limitPerS: core.loaded.config.rate_limits.reads_per_second,
    now,
    sync: await counterSync(ctx),
    onSyncError: (err) =>
      ctx.outages.report('redis', err, 'rate-limit sync failed; limiting per replica until Redis is back'),
  });
  ctx.own({ name: 'read-limiter', close: () => readLimiter.close() });
  const loot = createGrpcLootClient({
    address: settings.lootAddress,
    serviceToken: settings.lootServiceToken,
    onTokenRefused: (err) =>
      ctx.outages.report(
        'loot-service-token',
        err,
        'the loot-service refused LOOT_SERVICE_TOKEN; loot calls answer 500',
      ),
  });
  ctx.own({ name: 'loot-client', close: async () => loot.close() });
  // One broker probe per /readyz, shared by the checks that need it (they run together).
  let probe: Promise<boolean> | undefined;
  const busHealthy = () => (probe ??= bus.healthy().finally(() => (probe = undefined)));
  return {
    index,
    readiness: [
      { name: 'event-bus', check: busHealthy },
      // caughtUp first: no probe while bootstrapping. The index stays current only while the bus serves.
      { name: 'nearby-index', check: async () => feed.caughtUp() && (await busHealthy()) },
    ],
    http: (ops) =>
      buildHuntApp({
        ...ops,
        loaded: core.loaded,
        index,
        loot,
        auth: createAuthenticator({
          ...(settings.jwks === undefined ? { secret: settings.jwtSecret } : { jwks: settings.jwks }),
          now,
          onKeysUnavailable: (err) =>
            ctx.outages.report('jwks', err, 'JWKS fetch failed; tokens whose key is not cached answer 503'),
        }),
        readLimiter,
        staleness: core.staleness,
        now,
        logError: (err, requestId) => logger.error({ err, requestId }, 'request failed'),
      }),
  };
};

/** Not awaited ready: rate limits fail open while Redis is away, so the API starts without it. */
async function counterSync(ctx: ServiceContext): Promise<CounterSync | undefined> {
  if (ctx.infra.kind === 'embedded') return undefined;
  return createRedisCounterSync(await ctx.redis(), ctx.infra.redisKeyPrefix);
}
