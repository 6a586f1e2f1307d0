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
  let live: readonly string[] = [replicaId];

  return {
    held: held as ReadonlyMap<string, HeldShard>,
    /** Whether this replica may spawn the shard right now. */
    owns: (shard: string) => (held.get(shard)?.validUntilMs ?? 0) > now(),
    liveReplicas: () => live,
    /** One maintenance round; call every ttl/3. Throws when the store is unreachable. */
    async maintain(): Promise<{ acquired: Lease[]; lost: string[] }> {
      live = await store.heartbeat(replicaId, ttlMs);
      const lost: string[] = [];
      for (const [shard, h] of held) {
        const startedAt = now();
        if (await store.renew(h.lease, replicaId, ttlMs)) h.validUntilMs = startedAt + ttlMs - margin;
        else {
          held.delete(shard);
          lost.push(shard);
        }
      }
      const share = fairShare(opts.shards.length, live, replicaId);
      for (const shard of [...held.keys()].sort().slice(share)) {
        await store.release(held.get(shard)!.lease, replicaId);
        held.delete(shard);
        lost.push(shard);
      }
      const acquired: Lease[] = [];
      for (const shard of rotate(opts.shards, replicaId)) {
        if (held.size >= share) break;
        if (held.has(shard)) continue;
        const startedAt = now();
        const lease = await store.acquire(shard, replicaId, ttlMs);
        if (lease) {
          held.set(shard, { lease, validUntilMs: startedAt + ttlMs - margin });
          acquired.push(lease);
        }
      }
      return { acquired, lost };
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

/** Shards in an order that starts at a replica-specific offset, so replicas do not all race for the same shard first. */
function rotate(shards: readonly string[], replicaId: string): string[] {
  let h = 0;
  for (const ch of replicaId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const start = shards.length > 0 ? h % shards.length : 0;
  return [...shards.slice(start), ...shards.slice(0, start)];
}
