/**
 * The Redis key layout. Treasure keys carry the zone as hash tag, so Redis Cluster can split
 * zones across shards and a zone's record, geo index and expiry index share one slot; player
 * keys carry the player as hash tag.
 *
 *   <p>:{z:<zone>}:t:<id>      hash  treasure: lat lng exp item value doc, once won: claimed_by
 *                                    claim_mult claim_points claim_at (expires RETAIN after exp)
 *   <p>:{z:<zone>}:geo         geo   unclaimed, unexpired treasure ids of the zone
 *   <p>:{z:<zone>}:exp         zset  the same ids scored by expires_at (ms), for the sweeper
 *   <p>:zones                  set   zones that ever had a treasure (what the sweeper walks)
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
 * is decided), the relay walks the zones set as the sweeper does, and the player-slot effects
 * become a second consumer of that outbox (idempotent by treasure id), so the win, its event and
 * its effects stay all-or-eventually-all without a cross-slot script.
 */
export function redisKeys(prefix: string) {
  return {
    treasure: (zone: string, id: string) => `${prefix}:{z:${zone}}:t:${id}`,
    geo: (zone: string) => `${prefix}:{z:${zone}}:geo`,
    expiry: (zone: string) => `${prefix}:{z:${zone}}:exp`,
    zones: () => `${prefix}:zones`,
    playerState: (player: string) => `${prefix}:{p:${player}}:state`,
    inventory: (player: string) => `${prefix}:{p:${player}}:inv`,
    rate: (player: string, window: number) => `${prefix}:{p:${player}}:rate:${window}`,
    leaderboard: (season: string) => `${prefix}:lb:${season}`,
    outbox: () => `${prefix}:outbox:awards`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** How long a won or expired treasure keeps answering "already claimed" / "expired" (not "not found"). */
export const RETAIN_AFTER_EXPIRY_MS = 3_600_000;

/** The outbox stream's consumer group: every relay replica reads as one consumer of it. */
export const OUTBOX_GROUP = 'relay';
