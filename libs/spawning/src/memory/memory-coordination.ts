import type { Lease, LeaseStore, RampState, RampStore } from '../ports';

/**
 * In-process leases and ramp state for the embedded engine (one process, possibly several
 * spawner instances in tests). Same semantics as the Redis adapter, on an injected clock.
 */
export function createMemoryCoordination(now: () => number = Date.now): LeaseStore & RampStore {
  const leases = new Map<string, { holder: string; token: number; expiresAt: number }>();
  const fences = new Map<string, number>();
  const replicas = new Map<string, number>();
  const ramps = new Map<string, RampState>();
  const live = (shard: string) => {
    const l = leases.get(shard);
    return l && l.expiresAt > now() ? l : undefined;
  };
  const holds = (lease: Lease, replicaId: string) => {
    const l = live(lease.shard);
    return l !== undefined && l.holder === replicaId && l.token === lease.token;
  };
  return {
    async acquire(shard, replicaId, ttlMs) {
      if (live(shard)) return undefined;
      const token = (fences.get(shard) ?? 0) + 1;
      fences.set(shard, token);
      leases.set(shard, { holder: replicaId, token, expiresAt: now() + ttlMs });
      return { shard, token };
    },
    async renew(lease, replicaId, ttlMs) {
      if (!holds(lease, replicaId)) return false;
      leases.get(lease.shard)!.expiresAt = now() + ttlMs;
      return true;
    },
    async release(lease, replicaId) {
      if (holds(lease, replicaId)) leases.delete(lease.shard);
    },
    async heartbeat(replicaId, ttlMs) {
      replicas.set(replicaId, now() + ttlMs);
      return [...replicas].filter(([, until]) => until > now()).map(([id]) => id);
    },
    async leave(replicaId) {
      replicas.delete(replicaId);
    },
    async read(shard) {
      return ramps.get(shard);
    },
    async write(lease, replicaId, state) {
      if (!holds(lease, replicaId)) return false;
      ramps.set(lease.shard, state);
      return true;
    },
  };
}
