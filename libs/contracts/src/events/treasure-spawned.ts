import { z } from 'zod';
import { latitudeSchema, longitudeSchema, ulidSchema } from '../primitives';

/** Topic of spawn events; keyed by shard (libs/world shardAt) so a shard's events stay ordered in one partition. */
export const TREASURE_SPAWNED_TOPIC = 'hunt.treasure-spawned.v1';

/**
 * A treasure the spawner created. Times are Unix milliseconds (UTC). `tier` is a tier name of
 * the producer's config; a consumer running an older config may not know it (handle, count,
 * never crash). Unknown fields are rejected: a v1 event never grows silently.
 */
export const treasureSpawnedV1 = z
  .strictObject({
    /** Sortable by spawn time (ULID, 26 Crockford base32 characters). */
    treasure_id: ulidSchema,
    zone_id: z.string().min(1).max(63),
    lat: latitudeSchema,
    lng: longitudeSchema,
    tier: z.string().min(1).max(63),
    spawned_at: z.number().int().nonnegative(),
    expires_at: z.number().int().nonnegative(),
    config_version: z.number().int().positive(),
  })
  .refine((e) => e.expires_at > e.spawned_at, { path: ['expires_at'], message: 'must be after spawned_at' });

export type TreasureSpawnedV1 = z.infer<typeof treasureSpawnedV1>;
