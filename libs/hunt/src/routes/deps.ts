import type { ConfigStaleness, LoadedConfig } from '@hunt/static-config';
import type { Authenticator } from '../auth/authenticator';
import type { LootPort } from '../loot/loot-port';
import type { HuntMetrics } from '../metrics';
import type { NearbyIndex } from '../nearby/nearby-index';
import type { PlayerLimit } from '../rate-limit/rate-limit-headers';
import type { ReadLimiter } from '../rate-limit/read-limiter';

/** What the /v1 routes use; each a port, so tests and the embedded engine pass their own. */
export interface HuntRouteDeps {
  readonly loaded: LoadedConfig;
  readonly index: NearbyIndex;
  readonly loot: LootPort;
  readonly auth: Authenticator;
  readonly readLimiter: ReadLimiter;
  readonly staleness: Pick<ConfigStaleness, 'observeVersion'>;
  readonly now: () => number;
}

/** What the routes get from the app besides the ports: its metrics. */
export interface HuntRouteContext extends HuntRouteDeps {
  readonly metrics: Pick<HuntMetrics, 'listedUnknown'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated player (the token's `sub`); set by the /v1 auth hook. */
    playerId: string;
  }
  interface FastifyContextConfig {
    /**
     * The limit a /v1 route counts against: `reads` (rate_limits.reads_per_second, here, with
     * RateLimit-* headers on every answer) or `claims` (rate_limits.claims_per_minute, in the
     * loot-service; RateLimit-* on its 429). The document lists the headers from it.
     */
    playerLimit?: PlayerLimit;
  }
}
