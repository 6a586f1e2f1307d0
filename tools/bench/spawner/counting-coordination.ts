/**
 * A coordination store (LeaseStore & RampStore) that counts the calls made to it, for the lease
 * traffic a spawner replica causes. With the Redis adapter (libs/spawning redis-coordination.ts)
 * every call is one round trip: a Lua script per lease or ramp write, one MULTI for the
 * heartbeat, one HGETALL per ramp read. The spawning package exports only the in-memory adapter,
 * which the lease keeper calls exactly as it calls the Redis one.
 */
import type { createMemoryCoordination } from '@hunt/spawning';

export type Coordination = ReturnType<typeof createMemoryCoordination>;
export type CoordinationCall = keyof Coordination;

const CALLS: readonly CoordinationCall[] = ['acquire', 'renew', 'release', 'heartbeat', 'leave', 'read', 'write'];

export function countingCoordination(inner: Coordination): {
  store: Coordination;
  /** Calls so far, by method. */
  counts(): Record<CoordinationCall, number>;
} {
  const counts = Object.fromEntries(CALLS.map((c) => [c, 0])) as Record<CoordinationCall, number>;
  const store = { ...inner };
  for (const call of CALLS) {
    const method = (inner[call] as (...args: unknown[]) => Promise<unknown>).bind(inner);
    (store as Record<CoordinationCall, unknown>)[call] = (...args: unknown[]) => {
      counts[call]++;
      return method(...args);
    };
  }
  return { store, counts: () => ({ ...counts }) };
}
