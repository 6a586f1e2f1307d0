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
  const live = (zone: string) => {
    const l = leases.get(zone);
    return l && l.expiresAt > now() ? l : undefined;
  };
  const holds = (lease: Lease, replicaId: string) => {
    const l = live(lease.zone);
    return l !== undefined && l.holder === replicaId && l.token === lease.token;
  };
  return {
    async acquire(zone, replicaId, ttlMs) {
      if (live(zone)) return undefined;
      const token = (fences.get(zone) ?? 0) + 1;
      fences.set(zone, token);
      leases.set(zone, { holder: replicaId, token, expiresAt: now() + ttlMs });
      return { zone, token };
    },
    async renew(lease, replicaId, ttlMs) {
      if (!holds(lease, replicaId)) return false;
      leases.get(lease.zone)!.expiresAt = now() + ttlMs;
      return true;
    },
    async release(lease, replicaId) {
      if (holds(lease, replicaId)) leases.delete(lease.zone);
    },
    async heartbeat(replicaId, ttlMs) {
      replicas.set(replicaId, now() + ttlMs);
      return [...replicas].filter(([, until]) => until > now()).map(([id]) => id);
    },
    async leave(replicaId) {
      replicas.delete(replicaId);
    },
    async read(zone) {
      return ramps.get(zone);
    },
    async write(lease, replicaId, state) {
      if (!holds(lease, replicaId)) return false;
      ramps.set(lease.zone, state);
      return true;
    },
  };
}
