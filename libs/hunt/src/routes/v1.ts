import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiError } from '../http/errors';
import { rateLimitRouteHooks } from '../rate-limit/route-hooks';
import type { HuntRouteContext } from './deps';
import { playerRoutes } from './players';
import { treasureRoutes } from './treasures';
import { zoneRoutes } from './zones';

/**
 * The player API under /v1. Every route needs a bearer token (a player acts only as the token's
 * subject: no route takes a player id); each route names its rate limit in `config.playerLimit`:
 * reads count against rate_limits.reads_per_second, claims are limited by the loot-service
 * (rate_limits.claims_per_minute, in its claim step).
 */
export const v1Routes: FastifyPluginAsync<HuntRouteContext> = async (app, deps) => {
  app.decorateRequest('playerId', '');
  // Callback style, not async: this runs on every request of the hot path, and a token verified
  // before answers synchronously (no promise); only a new token waits for its verification.
  app.addHook('onRequest', (req, _reply, done) => {
    let player: string | Promise<string>;
    try {
      player = deps.auth.playerOf(req.headers.authorization);
    } catch (error) {
      return done(error as ApiError);
    }
    if (typeof player === 'string') {
      req.playerId = player;
      return done();
    }
    player.then(
      (playerId) => {
        req.playerId = playerId;
        done();
      },
      (error: unknown) => done(error as ApiError),
    );
  });
  app.addHook(
    'onRoute',
    rateLimitRouteHooks({
      readLimiter: deps.readLimiter,
      claimsPerMinute: deps.loaded.config.rate_limits.claims_per_minute,
      now: deps.now,
    }),
  );
  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(zoneRoutes, deps);
  await typed.register(treasureRoutes, deps);
  await typed.register(playerRoutes, deps);
};
