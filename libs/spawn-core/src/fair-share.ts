/**
 * How many shards a replica should own so shards spread evenly: with `shards` shards and `replicas`
 * live replicas, the first `shards % replicas` replicas (by sorted id) take one extra.
 */
export function fairShare(shards: number, replicaIds: readonly string[], self: string): number {
  const sorted = [...new Set([...replicaIds, self])].sort();
  const base = Math.floor(shards / sorted.length);
  return base + (sorted.indexOf(self) < shards % sorted.length ? 1 : 0);
}
