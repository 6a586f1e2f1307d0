import { z } from 'zod';
import { ulidSchema } from '../primitives';

/** Topic of won claims; keyed by the treasure's shard. */
export const LOOT_AWARDED_TOPIC = 'hunt.loot-awarded.v1';

/**
 * A won claim. At-least-once: a winner's retried claim re-publishes the same award, so
 * consumers deduplicate by treasure_id (one award per treasure, ever). Times are Unix ms.
 */
export const lootAwardedV1 = z.strictObject({
  treasure_id: ulidSchema,
  zone_id: z.string().min(1).max(63),
  player_id: z.string().min(1).max(128),
  season_id: z.string().min(1).max(63),
  tier: z.string().min(1).max(63),
  item: z.string().min(1).max(63),
  value: z.number().int().nonnegative(),
  multiplier: z.number().min(1),
  points: z.number().int().nonnegative(),
  claimed_at: z.number().int().nonnegative(),
  /** The config version whose loot table was rolled (replays the roll with treasure_id). */
  loot_config_version: z.number().int().positive(),
  /** The config version the treasure was spawned under. */
  spawn_config_version: z.number().int().positive(),
});

export type LootAwardedV1 = z.infer<typeof lootAwardedV1>;
