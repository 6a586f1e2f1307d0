import { fairShare } from '@hunt/spawn-core';
import type { Lease, LeaseStore } from './ports';

export interface HeldZone {
  readonly lease: Lease;
  /** Until when this replica may spawn the zone: last renewal + ttl - safety margin. */
  validUntilMs: number;
}

/**
 * Keeps this replica's fair share of zone leases: renews what it holds, gives up what exceeds
 * its share (so a new replica gets zones), and takes free zones up to its share. A zone counts
 * as held only until `validUntilMs`, which ends a third of the TTL before the lease itself can
 * expire, so a replica that cannot renew (Redis down, a long pause) stops spawning the zone
 * before anybody else can take it: two replicas never spawn one zone at the same time.
 */
export function createLeaseKeeper(opts: {
  store: LeaseStore;
  replicaId: string;
  zones: readonly string[];
  ttlMs: number;
  now: () => number;
}) {
  const { store, replicaId, ttlMs, now } = opts;
  const held = new Map<string, HeldZone>();
  const margin = ttlMs / 3;
  let live: readonly string[] = [replicaId];

  return {
    held: held as ReadonlyMap<string, HeldZone>,
    /** Whether this replica may spawn the zone right now. */
    owns: (zone: string) => (held.get(zone)?.validUntilMs ?? 0) > now(),
    liveReplicas: () => live,
    /** One maintenance round; call every ttl/3. Throws when the store is unreachable. */
    async maintain(): Promise<{ acquired: Lease[]; lost: string[] }> {
      live = await store.heartbeat(replicaId, ttlMs);
      const lost: string[] = [];
      for (const [zone, h] of held) {
        const startedAt = now();
        if (await store.renew(h.lease, replicaId, ttlMs)) h.validUntilMs = startedAt + ttlMs - margin;
        else {
          held.delete(zone);
          lost.push(zone);
        }
      }
      const share = fairShare(opts.zones.length, live, replicaId);
      for (const zone of [...held.keys()].sort().slice(share)) {
        await store.release(held.get(zone)!.lease, replicaId);
        held.delete(zone);
        lost.push(zone);
      }
      const acquired: Lease[] = [];
      for (const zone of rotate(opts.zones, replicaId)) {
        if (held.size >= share) break;
        if (held.has(zone)) continue;
        const startedAt = now();
        const lease = await store.acquire(zone, replicaId, ttlMs);
        if (lease) {
          held.set(zone, { lease, validUntilMs: startedAt + ttlMs - margin });
          acquired.push(lease);
        }
      }
      return { acquired, lost };
    },
    /** Releases every lease (shutdown) so another replica takes the zones at once. */
    async releaseAll(): Promise<void> {
      await Promise.allSettled([...held.values()].map((h) => store.release(h.lease, replicaId)));
      held.clear();
      await store.leave(replicaId).catch(() => undefined);
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;

/** Zones in an order that starts at a replica-specific offset, so replicas do not all race for the same zone first. */
function rotate(zones: readonly string[], replicaId: string): string[] {
  let h = 0;
  for (const ch of replicaId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const start = zones.length > 0 ? h % zones.length : 0;
  return [...zones.slice(start), ...zones.slice(0, start)];
}
