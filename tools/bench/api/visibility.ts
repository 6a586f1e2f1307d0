/**
 * How long a won claim stays visible on ANOTHER hunt-api replica: the claim answers on replica
 * A (which drops the treasure at once); replica B learns of it from the award event (loot's
 * Redis outbox -> relay -> Kafka -> B's nearby feed). Claims run one at a time, so B's index
 * shrinking by one marks the moment the treasure left B's nearby results. Target: 250 ms.
 */
import type { NearbyIndex } from '@hunt/hunt';
import { percentileSorted } from '../lib/stats';

export async function measureClaimVisibility(opts: {
  claim: (id: string) => Promise<number>;
  replicaB: Pick<NearbyIndex, 'size'>;
  ids: readonly string[];
  timeoutMs?: number;
}): Promise<{ samples: number; p50_ms: number; p99_ms: number; max_ms: number }> {
  const delays: number[] = [];
  for (const id of opts.ids) {
    const before = opts.replicaB.size();
    const status = await opts.claim(id);
    if (status !== 200) throw new Error(`visibility sample claim of ${id} answered ${status}`);
    const t0 = performance.now();
    const deadline = t0 + (opts.timeoutMs ?? 5000);
    while (opts.replicaB.size() >= before) {
      if (performance.now() > deadline)
        throw new Error(`replica B still lists ${id} after ${opts.timeoutMs ?? 5000} ms`);
      await new Promise((r) => setImmediate(r));
    }
    delays.push(performance.now() - t0);
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    samples: sorted.length,
    p50_ms: r(percentileSorted(sorted, 0.5)),
    p99_ms: r(percentileSorted(sorted, 0.99)),
    max_ms: r(sorted[sorted.length - 1] ?? 0),
  };
}
