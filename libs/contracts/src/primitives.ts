import { z } from 'zod';

/**
 * The field rules every wire shares (hunt API requests, loot gRPC requests, Kafka events),
 * each spelled once. Messages name the rule, not the field: callers prefix the field path.
 * libs/config-schema spells the slug and coordinate rules again in its own message style,
 * because a pure library may not import this one (see its schema-primitives.ts).
 */

/** A ULID (libs/contracts `ulid()`): 26 Crockford base32 characters, no I, L, O or U. */
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** An id from the config (zone, season): what config-schema accepts as a slug. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (at most 63)');

/** A shard id: an H3 cell index at the shard resolution, 15 lowercase hex digits (libs/world). */
export const shardIdSchema = z.string().regex(/^[0-9a-f]{15}$/, 'must be a shard id (15 hex digits, an H3 cell index)');

// zod 4 numbers are finite: NaN and ±Infinity fail before the range is checked.
export const latitudeSchema = z.number().min(-90, 'must be within -90..90').max(90, 'must be within -90..90');
export const longitudeSchema = z.number().min(-180, 'must be within -180..180').max(180, 'must be within -180..180');
