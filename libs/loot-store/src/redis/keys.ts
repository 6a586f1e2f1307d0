/**
 * The Redis key layout. Treasure keys carry the zone as hash tag, so Redis Cluster can split
 * zones across shards; player keys carry the player as hash tag. There is no per-zone index of
 * treasures: nearby reads are the hunt API's in-process index, and a claim names its treasure.
 * Treasure and rate keys expire by TTL and outbox entries are deleted once published, so nothing
 * sweeps; player and leaderboard keys are kept on purpose (season state).
 *
 *   <p>:{z:<zone>}:t:<id>      hash  treasure: lat lng exp item value doc, once won: claimed_by
 *                                    claim_mult claim_points claim_at (TTL: RETAIN_AFTER_EXPIRY_MS past exp)
 *   <p>:{p:<player>}:state     hash  lat lng at (last win), mult mult_at (multiplier), finds
 *   <p>:{p:<player>}:inv       hash  item -> count
 *   <p>:{p:<player>}:rate:<w>  int   claim attempts in minute window w (expires after 2 min)
 *   <p>:lb:<season>            zset  player -> season points
 *   <p>:outbox:awards          stream award events of won claims, fields zone v at event; consumer
 *                                    group `relay`; an entry is XDEL'd once Kafka acked it
 *
 * The claim script touches a zone slot, a player slot, the leaderboard and the outbox at once:
 * atomic on a single Redis (primary + replicas). On Redis Cluster it must be split into a
 * zone-slot claim and a player-slot effect step keyed by treasure id. The outbox then moves into
 * the zone slot (`<p>:{z:<zone>}:outbox`, appended by the zone-slot claim, which is where a win
 * is decided), the relay walks the configured zones' outboxes, and the player-slot effects
 * become a second consumer of that outbox (idempotent by treasure id), so the win, its event and
 * its effects stay all-or-eventually-all without a cross-slot script.
 */
export function redisKeys(prefix: string) {
  return {
    treasure: (zone: string, id: string) => `${prefix}:{z:${zone}}:t:${id}`,
    playerState: (player: string) => `${prefix}:{p:${player}}:state`,
    inventory: (player: string) => `${prefix}:{p:${player}}:inv`,
    rate: (player: string, window: number) => `${prefix}:{p:${player}}:rate:${window}`,
    leaderboard: (season: string) => `${prefix}:lb:${season}`,
    outbox: () => `${prefix}:outbox:awards`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** The outbox stream's consumer group: every relay replica reads as one consumer of it. */
export const OUTBOX_GROUP = 'relay';
