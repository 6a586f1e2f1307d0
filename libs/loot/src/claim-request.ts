import type { ClaimCommand } from '@hunt/loot-core';
import { z } from 'zod';

const claimRequestSchema = z.object({
  player_id: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  treasure_id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID'),
  zone_id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a zone id'),
  lat: z.number().finite().min(-90, 'must be within -90..90').max(90, 'must be within -90..90'),
  lng: z.number().finite().min(-180, 'must be within -180..180').max(180, 'must be within -180..180'),
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
    command: { playerId: r.player_id, treasureId: r.treasure_id, zoneId: r.zone_id, lat: r.lat, lng: r.lng, nowMs },
  };
}
