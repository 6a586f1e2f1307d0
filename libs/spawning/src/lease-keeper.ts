import { fairShare } from '@hunt/spawn-core';
import type { Lease, LeaseStore } from './ports';

export interface HeldShard {
  readonly lease: Lease;
  /** Until when this replica may spawn the shard: last renewal + ttl - safety margin. */
  validUntilMs: number;
}

/**
 * Keeps this replica's fair share of shard leases: renews what it holds, gives up what exceeds
 * its share (so a new replica gets shards), and takes free shards up to its share. A shard counts
 * as held only until `validUntilMs`, which ends a third of the TTL before the lease itself can
 * expire, so a replica that cannot renew (Redis down, a long pause) stops spawning the shard
 * before anybody else can take it: two replicas never spawn one shard at the same time.
 */
export function createLeaseKeeper(opts: {
  store: LeaseStore;
  replicaId: string;
  shards: readonly string[];
  ttlMs: number;
  now: () => number;
}) {
  const { store, replicaId, ttlMs, now } = opts;
  const held = new Map<string, HeldShard>();
  const margin = ttlMs / 3;
  const callDeadlineMs = ttlMs / 6;
  let live: readonly string[] = [replicaId];

  return {
    held: held as ReadonlyMap<string, HeldShard>,
    /** Whether this replica may spawn the shard right now. */
    owns: (shard: string) => (held.get(shard)?.validUntilMs ?? 0) > now(),
    liveReplicas: () => live,
    /**
     * One maintenance round; call every ttl/3. Never throws: each store call that fails is
     * returned in `failures` and the round goes on, because on Redis Cluster the replica set and
     * each shard's lease live on different nodes, and one node away must not stop the renewal
     * of shards whose leases live elsewhere. A failed heartbeat keeps the last known replica
     * set; a failed renewal keeps the shard until its validUntilMs runs out (then it is not
     * owned, and the next round renews it if the lease is still ours); acquisition stops at its
     * first failure (the store is likely away).
     */
    async maintain(): Promise<{ acquired: Lease[]; lost: string[]; failures: unknown[] }> {
      const failures: unknown[] = [];
      // Each call gets a sixth of the TTL: a node that went away (a Redis Cluster failover takes
      // seconds) must not stretch the round past the shards' validity and take them from us.
      const attempt = async <T>(op: () => Promise<T>): Promise<T | typeof FAILED> => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`lease store: no answer within ${callDeadlineMs} ms`)),
            callDeadlineMs,
          );
        });
        try {
          return await Promise.race([op(), late]);
        } catch (error) {
          failures.push(error);
          return FAILED;
        } finally {
          clearTimeout(timer);
        }
      };
      const lost: string[] = [];
      // All at once: a call stuck on a node that went away must not delay the others.
      const heartbeat = attempt(() => store.heartbeat(replicaId, ttlMs));
      await Promise.all(
        [...held].map(async ([shard, h]) => {
          const startedAt = now();
          const renewed = await attempt(() => store.renew(h.lease, replicaId, ttlMs));
          if (renewed === true) h.validUntilMs = startedAt + ttlMs - margin;
          else if (renewed === false) {
            held.delete(shard);
            lost.push(shard);
          }
        }),
      );
      const replicas = await heartbeat;
      if (replicas !== FAILED) live = replicas;
      const share = fairShare(opts.shards.length, live, replicaId);
      for (const shard of [...held.keys()].sort().slice(share)) {
        await attempt(() => store.release(held.get(shard)!.lease, replicaId));
        held.delete(shard);
        lost.push(shard);
      }
      const acquired: Lease[] = [];
      for (const shard of rotate(opts.shards, replicaId)) {
        if (held.size >= share) break;
        if (held.has(shard)) continue;
        const startedAt = now();
        const lease = await attempt(() => store.acquire(shard, replicaId, ttlMs));
        if (lease === FAILED) break;
        if (lease) {
          held.set(shard, { lease, validUntilMs: startedAt + ttlMs - margin });
          acquired.push(lease);
        }
      }
      return { acquired, lost, failures };
    },
    /** Releases every lease (shutdown) so another replica takes the shards at once. */
    async releaseAll(): Promise<void> {
      await Promise.allSettled([...held.values()].map((h) => store.release(h.lease, replicaId)));
      held.clear();
      await store.leave(replicaId).catch(() => undefined);
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;

const FAILED = Symbol('failed');

/** Shards in an order that starts at a replica-specific offset, so replicas do not all race for the same shard first. */
function rotate(shards: readonly string[], replicaId: string): string[] {
  let h = 0;
  for (const ch of replicaId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const start = shards.length > 0 ? h % shards.length : 0;
  return [...shards.slice(start), ...shards.slice(0, start)];
}
