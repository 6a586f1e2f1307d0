/**
 * Coordination between spawner replicas. Leases make sure that at any instant at most one
 * replica spawns a shard (the old and new pods of a rolling deploy included); the ramp state
 * lets a replica that takes a shard over continue its ramp instead of starting a spike.
 * Adapters: Redis (production) and in-memory (the embedded engine); both pass one contract.
 */

/** A held lease. `token` increases with every acquisition of the shard (a fencing token). */
export interface Lease {
  readonly shard: string;
  readonly token: number;
}

export interface LeaseStore {
  /** Takes the shard's lease for `ttlMs` if nobody holds it; undefined when it is taken. */
  acquire(shard: string, replicaId: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease this replica still holds; false when it was lost (expired or taken). */
  renew(lease: Lease, replicaId: string, ttlMs: number): Promise<boolean>;
  /** Gives a lease up at once (shutdown, rebalancing); a lease no longer held is ignored. */
  release(lease: Lease, replicaId: string): Promise<void>;
  /** Announces this replica as live for `ttlMs` and returns every live replica id. */
  heartbeat(replicaId: string, ttlMs: number): Promise<readonly string[]>;
  /** Removes this replica from the live set (shutdown). */
  leave(replicaId: string): Promise<void>;
}

export interface RampState {
  readonly ratePerS: number;
  readonly atMs: number;
}

export interface RampStore {
  read(shard: string): Promise<RampState | undefined>;
  /**
   * Records the shard's last published rate, fenced: written only while `lease` is still held
   * by `replicaId`. Returns false (and writes nothing) for a stale lease.
   */
  write(lease: Lease, replicaId: string, state: RampState): Promise<boolean>;
}

/**
 * A coordination store that cannot be reached. Callers fail fast and retry on the next tick;
 * a replica that cannot renew stops spawning its shards before their leases can expire.
 */
export class CoordinationUnavailableError extends Error {
  override readonly name = 'CoordinationUnavailableError';
}
