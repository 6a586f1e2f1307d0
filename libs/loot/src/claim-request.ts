import { latitudeSchema, longitudeSchema, shardIdSchema, slugSchema, ulidSchema } from '@hunt/contracts';
import type { ClaimCommand } from '@hunt/loot-core';
import { z } from 'zod';

const claimRequestSchema = z.object({
  player_id: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  treasure_id: ulidSchema,
  zone_id: slugSchema,
  shard_id: shardIdSchema,
  lat: latitudeSchema,
  lng: longitudeSchema,
});

/** Validates a wire claim request; a bad one yields a message naming the field. */
export function parseClaimRequest(
  request: unknown,
  nowMs: number,
): { ok: true; command: ClaimCommand } | { ok: false; message: string } {
  const parsed = claimRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${issue.path.join('.')}: ${issue.message}` };
  }
  const r = parsed.data;
  return {
    ok: true,
    command: {
      playerId: r.player_id,
      treasureId: r.treasure_id,
      zoneId: r.zone_id,
      shardId: r.shard_id,
      lat: r.lat,
      lng: r.lng,
      nowMs,
    },
  };
}
