import { worldOf } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { cellBoundary, type CellId } from '@hunt/world';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HuntRouteDeps } from './deps';
import { withErrors, zonesResponse } from './schemas';

/**
 * GET /v1/zones: the world's zones (named ones, then each region's remainder) with their
 * difficulty this minute. The geometry part is computed once per config.
 */
export const zoneRoutes: FastifyPluginAsyncZod<HuntRouteDeps> = async (app, { loaded, now }) => {
  const difficulty = createDifficulty(loaded.config);
  const zones = worldOf(loaded.config).zones.map((zone) => ({
    id: zone.id,
    name: zone.name,
    region_id: zone.regionId,
    remainder: zone.remainder,
    area_km2: Math.round(zone.areaKm2 * 1000) / 1000,
    cell_count: zone.cells.length,
    bounds: boxAround(zone.cells),
  }));
  app.get(
    '/v1/zones',
    {
      config: { playerLimit: 'reads' },
      schema: {
        operationId: 'listZones',
        summary: 'Zones and their current difficulty',
        response: withErrors(zonesResponse, 401, 429, 503),
      },
    },
    async () => {
      const t = now();
      return {
        zones: zones.map((zone) => {
          const d = difficulty.at(zone.id, t)!;
          return {
            ...zone,
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

/** The lat/lng box around the cells' hexagons. */
function boxAround(cells: readonly CellId[]) {
  const box = { min_lat: 90, min_lng: 180, max_lat: -90, max_lng: -180 };
  for (const p of cells.flatMap(cellBoundary)) {
    box.min_lat = Math.min(box.min_lat, p.lat);
    box.min_lng = Math.min(box.min_lng, p.lng);
    box.max_lat = Math.max(box.max_lat, p.lat);
    box.max_lng = Math.max(box.max_lng, p.lng);
  }
  return box;
}
