import { ulidTime } from '@hunt/contracts';
import { ApiError } from '../http/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { nearbyBody } from '../nearby/wire';
import type { HuntRouteContext } from './deps';
import {
  claimBody,
  claimParams,
  claimResponse,
  DEFAULT_NEARBY,
  DEFAULT_RADIUS_M,
  nearbyQuery,
  nearbyResponse,
  withErrors,
} from './schemas';

/**
 * How long after its spawn (the time in its ULID) an id this replica has not indexed may still be
 * on its way through the feed: players are balanced across replicas per request, and one
 * replica's feed can trail another's. A few seconds covers a busy replica; an unknown fresh id
 * answers a retryable 503 instead of 404 meanwhile (the claims limit bounds the retries).
 */
export const FEED_GRACE_MS = 5_000;

/** Nearby treasures (the hot path, served from the in-process index) and claims (via loot gRPC). */
export const treasureRoutes: FastifyPluginAsyncZod<HuntRouteContext> = async (app, deps) => {
  const { index, loot, now } = deps;

  app.get(
    '/v1/treasures',
    {
      config: { playerLimit: 'reads' },
      schema: {
        operationId: 'listNearbyTreasures',
        summary: 'Active treasures near a point, nearest first (no loot revealed)',
        querystring: nearbyQuery,
        response: withErrors(nearbyResponse, 400, 401, 429, 503),
      },
    },
    async (req, reply) => {
      const { lat, lng, radius, limit } = req.query;
      const hits = index.near(lat, lng, radius ?? DEFAULT_RADIUS_M, limit ?? DEFAULT_NEARBY, now());
      // Pre-serialised bytes (see wire.ts); a Buffer payload skips the serializer.
      return reply.type('application/json').send(nearbyBody(hits) as never);
    },
  );

  app.post(
    '/v1/treasures/:id/claim',
    {
      config: { playerLimit: 'claims' },
      schema: {
        operationId: 'claimTreasure',
        summary: "Claim a treasure from the player's position",
        params: claimParams,
        body: claimBody,
        response: withErrors(claimResponse, 400, 401, 404, 409, 410, 413, 422, 429, 503),
      },
    },
    async (req) => {
      const { id } = req.params;
      // The shard routes the claim to the treasure's keys; the index knows zone and shard for
      // live treasures and for a while after a claim or expiry, so late claims get their 409 or 410.
      const place = index.placeOf(id);
      if (place === undefined) {
        // Spawned moments ago: another replica may have listed it while this one's feed is a few
        // events behind (players are balanced across replicas per request). Retryable, never a
        // 404 for something a player may have been shown; an older unknown id is a real 404.
        const spawnedAt = ulidTime(id);
        if (spawnedAt !== undefined && Math.abs(now() - spawnedAt) <= FEED_GRACE_MS) throw new ApiError('pending');
        throw new ApiError('not-found', 'no such live treasure', 'id');
      }
      try {
        const award = await loot.claim({
          player_id: req.playerId,
          treasure_id: id,
          zone_id: place.zoneId,
          shard_id: place.shardId,
          ...req.body,
        });
        deps.staleness.observeVersion(award.loot_config_version);
        index.claimed(id, now()); // gone from this replica's reads at once
        return {
          treasure_id: award.treasure_id,
          item: award.item,
          tier: award.tier,
          value: award.value,
          multiplier: award.multiplier,
          points: award.points,
          claimed_at: award.claimed_at,
          season_id: award.season_id,
          replayed: award.replayed,
        };
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'already-claimed') index.claimed(id, now());
        // Listed here but unknown to loot: its spawn consumer lags (a spawn flood) or Redis lost
        // the treasure. Never a 404 for what the player was shown: retry until loot has it or
        // it expires (then this index stops listing it and the answer is a real 404).
        if (error instanceof ApiError && error.kind === 'not-found' && index.listed(id, now())) {
          deps.metrics.listedUnknown();
          throw new ApiError('pending', undefined, undefined, { cause: error });
        }
        throw error;
      }
    },
  );
};
