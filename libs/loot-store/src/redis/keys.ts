/**
 * The Redis key layout, the same on one Redis server and on Redis Cluster. A hash tag (`{...}`)
 * names what must share a cluster slot because one script touches it together:
 *
 *   <p>:{b:<n>}:s:<shard>:t:<id>  hash    treasure: lat lng exp item value doc, once won: claimed_by
 *                                         claim_mult claim_points claim_at fx (TTL: RETAIN_AFTER_EXPIRY_MS
 *                                         past exp)
 *   <p>:{b:<n>}:outbox            stream  award events of this bucket's wins, fields shard v at event
 *                                         (+ fx on a cluster); consumer group `relay`; XDEL'd once Kafka acked
 *   <p>:{p:<player>}:state        hash    lat lng at (last win), mult mult_at (multiplier), finds, score
 *   <p>:{p:<player>}:inv          hash    item -> count
 *   <p>:{p:<player>}:rate:<w>     int     claim attempts in minute window w (expires after 2 min)
 *   <p>:{p:<player>}:applied      zset    treasure id -> claim time of wins whose effects are applied
 *                                         (cluster only; trimmed to RETAIN_AFTER_EXPIRY_MS * 2)
 *   <p>:{lb:<season>}             zset    player -> season points
 *
 * Buckets: a treasure lives in bucket n = bucketOf(shard) of OUTBOX_BUCKETS, and its win's event in
 * that bucket's outbox, so the step that decides a claim and the append of its event are one
 * script in one slot. 64 buckets are 64 slots, which Redis Cluster spreads over its primaries
 * (evenly enough for up to ~16); a relay reads each bucket's outbox at least once a second. The
 * number is part of the layout: changing it moves every live treasure.
 * Treasure and rate keys expire by TTL and outbox entries are deleted once published, so nothing
 * sweeps; player and leaderboard keys are kept on purpose (season state).
 * How a claim uses these on one server and on a cluster: redis-store.ts and cluster-claim.ts.
 */
export const OUTBOX_BUCKETS = 64;

/** FNV-1a of the shard id, modulo OUTBOX_BUCKETS: stable across processes and releases. */
export function bucketOf(shardId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < shardId.length; i++) h = Math.imul(h ^ shardId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % OUTBOX_BUCKETS;
}

export function redisKeys(prefix: string) {
  return {
    treasure: (shard: string, id: string) => `${prefix}:{b:${bucketOf(shard)}}:s:${shard}:t:${id}`,
    outbox: (bucket: number) => `${prefix}:{b:${bucket}}:outbox`,
    playerState: (player: string) => `${prefix}:{p:${player}}:state`,
    inventory: (player: string) => `${prefix}:{p:${player}}:inv`,
    rate: (player: string, window: number) => `${prefix}:{p:${player}}:rate:${window}`,
    applied: (player: string) => `${prefix}:{p:${player}}:applied`,
    leaderboard: (season: string) => `${prefix}:{lb:${season}}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** The outbox streams' consumer group: every relay replica reads as one consumer of it. */
export const OUTBOX_GROUP = 'relay';
