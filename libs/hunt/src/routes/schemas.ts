import { latitudeSchema, longitudeSchema, slugSchema, ulidSchema } from '@hunt/contracts';
import { z } from 'zod';
import { queryNumber } from '../http/query-number';

/**
 * The one error shape of every non-2xx answer; registered with an id, so the OpenAPI document
 * holds it once (components.schemas.Error) and every error response refers to it.
 */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'HUNT_ERR_* code; see the README error table' }),
      message: z.string(),
      field: z.string().optional().meta({ description: 'the request field at fault, when one is' }),
    }),
  })
  .meta({ id: 'Error' });

/**
 * A route's response schemas: its success, the error statuses it answers with, and `default`
 * (HUNT_ERR_INTERNAL, or any status a route did not foresee) in the error shape.
 */
export function withErrors<S extends z.ZodType>(ok: S, ...statuses: number[]) {
  return { 200: ok, ...Object.fromEntries(statuses.map((s) => [s, errorBody])), default: errorBody };
}

export const MAX_RADIUS_M = 1000;
export const DEFAULT_RADIUS_M = 250;
/**
 * A read lists the nearest DEFAULT_NEARBY unless it asks for up to MAX_NEARBY: a phone's map
 * shows a few dozen pins, and the read's cost grows with every treasure it lists (BENCHMARKS.md).
 */
export const DEFAULT_NEARBY = 30;
export const MAX_NEARBY = 100;

export const nearbyQuery = z.strictObject({
  lat: queryNumber(latitudeSchema),
  lng: queryNumber(longitudeSchema),
  radius: queryNumber(
    z.number().min(1, `must be within 1..${MAX_RADIUS_M}`).max(MAX_RADIUS_M, `must be within 1..${MAX_RADIUS_M}`),
  )
    .optional()
    .meta({ description: `metres, default ${DEFAULT_RADIUS_M}` }),
  limit: queryNumber(
    z
      .number()
      .int('must be an integer')
      .min(1, `must be within 1..${MAX_NEARBY}`)
      .max(MAX_NEARBY, `must be within 1..${MAX_NEARBY}`),
  )
    .optional()
    .meta({ description: `the nearest this many, default ${DEFAULT_NEARBY}` }),
});

export const nearbyResponse = z.object({
  treasures: z.array(
    z.object({
      id: z.string(),
      zone_id: z.string(),
      lat: z.number(),
      lng: z.number(),
      tier: z.string().meta({ description: 'rarity; the loot itself is rolled at claim time' }),
      expires_at: z.number().int().meta({ description: 'Unix ms' }),
      distance_m: z.number(),
    }),
  ),
});

export const claimParams = z.strictObject({ id: ulidSchema });
export const claimBody = z.strictObject({ lat: latitudeSchema, lng: longitudeSchema });
export const claimResponse = z.object({
  treasure_id: z.string(),
  item: z.string(),
  tier: z.string(),
  value: z.number().int(),
  multiplier: z.number(),
  points: z.number().int(),
  claimed_at: z.number().int(),
  season_id: z.string(),
  replayed: z.boolean().meta({ description: 'true when this repeats the caller’s own earlier win' }),
});

export const playerResponse = z.object({
  player_id: z.string(),
  score: z.number().int(),
  finds: z.number().int(),
  multiplier: z.number(),
  inventory: z.array(z.object({ item: z.string(), count: z.number().int() })),
});

export const leaderboardQuery = z.strictObject({
  season: slugSchema.optional(),
  limit: queryNumber(z.number().int('must be an integer').min(1).max(100))
    .optional()
    .meta({ description: 'default 10' }),
});

export const leaderboardResponse = z.object({
  season_id: z.string(),
  entries: z.array(z.object({ rank: z.number().int(), player_id: z.string(), score: z.number().int() })),
});

export const zonesResponse = z.object({
  zones: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      region_id: z.string().meta({ description: "the region (a city's playable area) the zone lies in" }),
      remainder: z.boolean().meta({ description: "true for a region's own zone: its cells no named zone covers" }),
      area_km2: z.number(),
      cell_count: z.number().int(),
      bounds: z
        .object({ min_lat: z.number(), min_lng: z.number(), max_lat: z.number(), max_lng: z.number() })
        .meta({ description: "the box around the zone's cells" }),
      difficulty: z.object({
        in_season: z.boolean(),
        spawn_rate_per_s: z.number(),
        loot_multiplier: z.number(),
        multiplier_decay_s: z.number(),
        rarity: z.record(z.string(), z.number()),
      }),
    }),
  ),
});
