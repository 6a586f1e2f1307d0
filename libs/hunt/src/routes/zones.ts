import { createDifficulty } from '@hunt/difficulty';
import type { FastifyPluginAsyncZod } from '../http/zod-plugin';
import type { HuntRouteDeps } from './deps';
import { errorBody, zonesResponse } from './schemas';

/** GET /v1/zones: the zones of the running config with their difficulty this minute. */
export const zoneRoutes: FastifyPluginAsyncZod<HuntRouteDeps> = async (app, { loaded, now }) => {
  const difficulty = createDifficulty(loaded.config);
  app.get(
    '/v1/zones',
    {
      schema: {
        summary: 'Zones and their current difficulty',
        response: { 200: zonesResponse, 401: errorBody, 429: errorBody },
      },
    },
    async () => {
      const t = now();
      return {
        zones: loaded.config.zones.map((zone) => {
          const d = difficulty.at(zone.id, t)!;
          return {
            id: zone.id,
            name: zone.name,
            bounds: { ...zone.bounds },
            difficulty: {
              in_season: d.inSeason,
              spawn_rate_per_s: d.spawnRatePerS,
              loot_multiplier: d.lootMultiplier,
              multiplier_decay_s: d.multiplierDecayS,
              rarity: Object.fromEntries(d.tierNames.map((tier, i) => [tier, d.rarityWeights[i]!])),
            },
          };
        }),
      };
    },
  );
};
