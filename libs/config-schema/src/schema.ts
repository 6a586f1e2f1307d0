import { z } from 'zod';
import { curvesSchema, windowSchema, zoneModifiersSchema } from './curves-schema';
import { checkInvariants } from './invariants';
import { releaseSchema } from './release-schema';
import { atLeastOne, finite, instant, integer, nonNegative, positive, slug, table, text } from './schema-primitives';

/**
 * The one schema of config/hunt.toml. It is the single source of truth for the TypeScript
 * type (`HuntConfig`), the JSON Schema that editors read and the docs. Every object is strict:
 * an unknown key is an error, because a typo such as `decay_sec` must not pass silently.
 * Numbers are finite and range-checked; nothing is coerced.
 */

// The coordinate ranges of libs/contracts `latitudeSchema`/`longitudeSchema`, in the config's
// message style; not imported, as for `slug` (see schema-primitives.ts).
const latitude = finite('latitude').refine((n) => n >= -90 && n <= 90, {
  message: 'latitude must be within -90..90',
});
const longitude = finite('longitude').refine((n) => n >= -180 && n <= 180, {
  message: 'longitude must be within -180..180',
});

export const boundsSchema = table(
  {
    min_lat: latitude,
    min_lng: longitude,
    max_lat: latitude,
    max_lng: longitude,
  },
  'bounds',
).superRefine((b, ctx) => {
  if (b.min_lat >= b.max_lat)
    ctx.addIssue({
      code: 'custom',
      path: ['max_lat'],
      message: 'max_lat must be greater than min_lat',
    });
  if (b.min_lng >= b.max_lng)
    ctx.addIssue({
      code: 'custom',
      path: ['max_lng'],
      message: 'max_lng must be greater than min_lng',
    });
});

/** A polygon vertex; explicit keys, so latitude and longitude cannot be swapped by accident. */
export const pointSchema = table({ lat: latitude, lng: longitude }, 'point');

const noModifiers = { spawn_rate: 1, loot_multiplier: 1, rarity: {} };

/**
 * A region or zone is drawn as a box (`bounds`) or a polygon ring (`polygon`, GeoJSON's exterior
 * ring rules: closed and counter-clockwise; see libs/world ringProblems), exactly one of them.
 */
const area = {
  id: slug,
  name: text,
  bounds: boundsSchema.optional(),
  polygon: z.array(pointSchema, { error: 'polygon must be an array of { lat, lng } points' }).optional(),
  modifiers: zoneModifiersSchema.default(noModifiers),
};
const oneShape = (a: { bounds?: unknown; polygon?: unknown }, ctx: z.core.$RefinementCtx) => {
  if ((a.bounds === undefined) === (a.polygon === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [],
      message:
        a.bounds === undefined
          ? 'draw it with either `bounds` or `polygon`'
          : 'give either `bounds` or `polygon`, not both',
    });
};

/** A city's playable area. Its cells outside every named zone form the region's own zone (same id, its modifiers). */
export const regionSchema = z.strictObject(area).superRefine(oneShape);

/** A designer's named area inside a region, with its modifiers. */
export const zoneSchema = z.strictObject({ ...area, region: slug }).superRefine(oneShape);

export const lootEntrySchema = z.strictObject({
  item: slug,
  weight: positive('weight'),
  value: integer('value', 0, 1_000_000),
});

export const tierSchema = z.strictObject({
  weight: nonNegative('weight'),
  loot: z.array(lootEntrySchema).min(1, { message: 'a tier needs at least one loot entry' }),
});

export const huntConfigSchema = z
  .strictObject({
    version: integer('version', 1),
    season: table(
      {
        id: slug,
        starts_at: instant,
        ends_at: instant,
        /** Outside the season: "closed" (nothing spawns) or "hold" (the curves' edge values). */
        off_season: z.enum(['closed', 'hold'], { error: 'off_season must be "closed" or "hold"' }).default('closed'),
      },
      'season',
    ).refine((s) => s.ends_at > s.starts_at, { path: ['ends_at'], message: 'ends_at must be after starts_at' }),
    spawn: table(
      {
        /** Treasures per km² per second at the base, before curves, windows and zone modifiers. */
        base_density_per_km2_s: nonNegative('base_density_per_km2_s').refine((n) => n <= 1000, {
          message: 'base_density_per_km2_s must be at most 1000',
        }),
        treasure_ttl_s: integer('treasure_ttl_s', 1, 86_400),
        throttle_cap_per_s: integer('throttle_cap_per_s', 1, 1_000_000),
      },
      'spawn',
    ),
    claim: table(
      {
        radius_m: positive('radius_m').refine((n) => n <= 10_000, { message: 'radius_m must be at most 10000' }),
        max_speed_mps: positive('max_speed_mps').refine((n) => n <= 1000, {
          message: 'max_speed_mps must be at most 1000',
        }),
      },
      'claim',
    ),
    multiplier: table(
      {
        step: nonNegative('step'),
        max: finite('max').refine((n) => n >= 1 && n <= 100, { message: 'max must be within 1..100' }),
        decay_s: positive('decay_s').refine((n) => n <= 3600, { message: 'decay_s must be at most 3600' }),
      },
      'multiplier',
    ),
    rate_limits: table(
      {
        claims_per_minute: integer('claims_per_minute', 1, 10_000),
        reads_per_second: integer('reads_per_second', 1, 10_000),
      },
      'rate_limits',
    ),
    limits: table(
      {
        max_rate_change_ratio: atLeastOne('max_rate_change_ratio'),
        ramp_per_minute: atLeastOne('ramp_per_minute'),
        max_step_ratio_per_minute: atLeastOne('max_step_ratio_per_minute'),
        max_window_stack: atLeastOne('max_window_stack').default(4),
        bus_events_per_s: integer('bus_events_per_s', 1, 10_000_000).default(1000),
        /** Most cells the world may tile into (each costs spawner ticks and index memory). */
        max_cells: integer('max_cells', 1, 1_000_000).default(20_000),
      },
      'limits',
    ),
    curves: curvesSchema.default({}),
    windows: z.array(windowSchema).default([]),
    regions: z
      .array(regionSchema, {
        error: (i) =>
          i.input === undefined
            ? 'missing [[regions]]: at least one region (a playable area) is required'
            : 'regions must be an array of tables',
      })
      .min(1, { message: 'at least one region is required' }),
    zones: z.array(zoneSchema, { error: 'zones must be an array of tables' }).default([]),
    tiers: z
      .record(slug, tierSchema, {
        error: (i) =>
          i.input === undefined
            ? 'missing [tiers.<name>]: at least one tier is required'
            : 'tiers must be a table of tiers',
      })
      .refine((t) => Object.keys(t).length > 0, { message: 'at least one tier is required' }),
    release: releaseSchema.optional(),
  })
  .superRefine(checkInvariants);

/** The validated, frozen game config as services read it. */
export type HuntConfig = z.output<typeof huntConfigSchema>;
