/**
 * How many zones a replica should own so zones spread evenly: with `zones` zones and `replicas`
 * live replicas, the first `zones % replicas` replicas (by sorted id) take one extra.
 */
export function fairShare(zones: number, replicaIds: readonly string[], self: string): number {
  const sorted = [...new Set([...replicaIds, self])].sort();
  const base = Math.floor(zones / sorted.length);
  return base + (sorted.indexOf(self) < zones % sorted.length ? 1 : 0);
}
