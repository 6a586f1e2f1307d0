import { z } from 'zod';

/**
 * The one schema of config/hunt.toml. It is the single source of truth for the TypeScript
 * type (`HuntConfig`), the JSON Schema that editors read and the docs. Every object is strict:
 * an unknown key is an error, because a typo such as `decay_sec` must not pass silently.
 * Numbers are finite and range-checked; nothing is coerced.
 */

const finite = (what: string) =>
  z
    .number({
      error: (i) =>
        typeof i.input === 'number'
          ? `${what} must be a finite number (nan and inf are not allowed)`
          : `${what} must be a number, got ${describe(i.input)}`,
    })
    .refine(Number.isFinite, { message: `${what} must be a finite number (nan and inf are not allowed)` });

const positive = (what: string) =>
  finite(what).refine((n) => n > 0, {
    message: `${what} must be greater than 0`,
  });
const nonNegative = (what: string) => finite(what).refine((n) => n >= 0, { message: `${what} must be at least 0` });
const atLeastOne = (what: string) => finite(what).refine((n) => n >= 1, { message: `${what} must be at least 1` });
const integer = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({
      error: (i) => `${what} must be an integer, got ${describe(i.input)}`,
    })
    .int({ message: `${what} must be an integer` })
    .min(min, { message: `${what} must be at least ${min}` })
    .max(max, { message: `${what} must be at most ${max}` });

/** A TOML table; a missing or mistyped one is named as such rather than "expected object". */
const table = <S extends z.core.$ZodLooseShape>(shape: S, name: string) =>
  z.strictObject(shape, {
    error: (i) =>
      i.input === undefined ? `missing table [${name}]` : `${name} must be a table, got ${describe(i.input)}`,
  });

const slug = z
  .string({ error: (i) => `expected a string, got ${describe(i.input)}` })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: 'must be lowercase letters, digits and dashes (at most 63)',
  });

const text = z
  .string({ error: (i) => `expected a string, got ${describe(i.input)}` })
  .min(1, { message: 'must not be empty' });

/** A UTC instant. TOML date-times arrive as Date objects; a local date-time (no offset) is refused. */
const instant = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso
    .datetime({
      offset: true,
      error: (i) =>
        i.input === undefined
          ? 'missing required key'
          : 'must be a date-time with Z or an offset, e.g. 2026-12-01T00:00:00Z',
    })
    .transform((s) => new Date(s).toISOString()),
);

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

export const zoneSchema = z.strictObject({
  id: slug,
  name: text,
  weight: positive('weight'),
  bounds: boundsSchema,
});

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
    season: table({ id: slug, starts_at: instant, ends_at: instant }, 'season').refine((s) => s.ends_at > s.starts_at, {
      path: ['ends_at'],
      message: 'ends_at must be after starts_at',
    }),
    spawn: table(
      {
        base_rate_per_s: nonNegative('base_rate_per_s').refine((n) => n <= 1000, {
          message: 'base_rate_per_s must be at most 1000',
        }),
        treasure_ttl_s: integer('treasure_ttl_s', 1, 86_400),
        throttle_cap_per_s: integer('throttle_cap_per_s', 1, 1_000_000),
      },
      'spawn',
    ),
    claim: table(
      {
        radius_m: positive('radius_m').refine((n) => n <= 10_000, {
          message: 'radius_m must be at most 10000',
        }),
        max_speed_mps: positive('max_speed_mps').refine((n) => n <= 1000, {
          message: 'max_speed_mps must be at most 1000',
        }),
      },
      'claim',
    ),
    multiplier: table(
      {
        step: nonNegative('step'),
        max: finite('max').refine((n) => n >= 1 && n <= 100, {
          message: 'max must be within 1..100',
        }),
        decay_s: positive('decay_s').refine((n) => n <= 3600, {
          message: 'decay_s must be at most 3600',
        }),
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
      },
      'limits',
    ),
    zones: z
      .array(zoneSchema, {
        error: (i) =>
          i.input === undefined
            ? 'missing [[zones]]: at least one zone is required'
            : 'zones must be an array of tables',
      })
      .min(1, { message: 'at least one zone is required' }),
    tiers: z
      .record(slug, tierSchema, {
        error: (i) =>
          i.input === undefined
            ? 'missing [tiers.<name>]: at least one tier is required'
            : 'tiers must be a table of tiers',
      })
      .refine((t) => Object.keys(t).length > 0, {
        message: 'at least one tier is required',
      }),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    cfg.zones.forEach((zone, i) => {
      const first = seen.get(zone.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['zones', i, 'id'],
          message: `duplicate zone id "${zone.id}" (also zones[${first}])`,
        });
      } else seen.set(zone.id, i);
    });
    const tierWeight = Object.values(cfg.tiers).reduce((sum, t) => sum + t.weight, 0);
    if (Object.keys(cfg.tiers).length > 0 && tierWeight <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers'],
        message: 'tier weights must have a positive sum',
      });
    }
  });

/** The validated, frozen game config as services read it. */
export type HuntConfig = z.output<typeof huntConfigSchema>;

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v).replace('Infinity', 'inf').replace('NaN', 'nan');
  if (v instanceof Date) return 'a date-time';
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a table';
  return `${typeof v} ${JSON.stringify(v)}`;
}
