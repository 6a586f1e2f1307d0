/**
 * The Redis key layout. Treasure keys carry the treasure's shard (libs/world: the res-7 parent of
 * its cell) as hash tag, so Redis Cluster spreads the world's shards over its slots; player keys
 * carry the player as hash tag. There is no per-shard index of
 * treasures: nearby reads are the hunt API's in-process index, and a claim names its treasure.
 * Treasure and rate keys expire by TTL and outbox entries are deleted once published, so nothing
 * sweeps; player and leaderboard keys are kept on purpose (season state).
 *
 *   <p>:{s:<shard>}:t:<id>     hash  treasure: lat lng exp item value doc, once won: claimed_by
 *                                    claim_mult claim_points claim_at (TTL: RETAIN_AFTER_EXPIRY_MS past exp)
 *   <p>:{p:<player>}:state     hash  lat lng at (last win), mult mult_at (multiplier), finds
 *   <p>:{p:<player>}:inv       hash  item -> count
 *   <p>:{p:<player>}:rate:<w>  int   claim attempts in minute window w (expires after 2 min)
 *   <p>:lb:<season>            zset  player -> season points
 *   <p>:outbox:awards          stream award events of won claims, fields shard v at event; consumer
 *                                    group `relay`; an entry is XDEL'd once Kafka acked it
 *
 * The claim script touches a shard slot, a player slot, the leaderboard and the outbox at once:
 * atomic on a single Redis (primary + replicas). On Redis Cluster it must be split into a
 * shard-slot claim and a player-slot effect step keyed by treasure id. The outbox then moves into
 * the shard slot (`<p>:{s:<shard>}:outbox`, appended by the shard-slot claim, which is where a win
 * is decided), the relay walks the world's shards' outboxes, and the player-slot effects
 * become a second consumer of that outbox (idempotent by treasure id), so the win, its event and
 * its effects stay all-or-eventually-all without a cross-slot script.
 */
export function redisKeys(prefix: string) {
  return {
    treasure: (shard: string, id: string) => `${prefix}:{s:${shard}}:t:${id}`,
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
