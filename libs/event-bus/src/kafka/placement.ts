import type { Admin, Consumer } from 'kafkajs';

/** Where one partition of a new group starts (SubscribeOptions.startAt), by broker topic name. */
export interface Placement {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A group's committed offsets per partition of its topics (-1 where it has none). */
export type CommittedOffsets = Awaited<ReturnType<Admin['fetchOffsets']>>;

/**
 * For each topic (broker name) and time: the partitions on which the group has no committed
 * offset, each placed at the first offset whose timestamp is >= the time (Kafka ListOffsets by
 * timestamp), or at its end offset when there is none (kafkajs's fetchTopicOffsetsByTimestamp
 * answers the high watermark for Kafka's -1).
 */
export async function placementsByTime(
  admin: Pick<Admin, 'fetchTopicOffsetsByTimestamp'>,
  committed: CommittedOffsets,
  times: ReadonlyMap<string, number>,
): Promise<Placement[]> {
  const placements = await Promise.all(
    committed
      .filter(({ topic }) => times.has(topic))
      .map(async ({ topic, partitions }) => {
        const fresh = new Set(partitions.filter((p) => Number(p.offset) < 0).map((p) => p.partition));
        if (fresh.size === 0) return [];
        const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, times.get(topic));
        return byTime
          .filter((p) => fresh.has(p.partition))
          .map(({ partition, offset }) => ({ topic, partition, offset }));
      }),
  );
  return placements.flat();
}

/**
 * Seeks each placement's partition on every join that assigns it to this member, until a
 * message of that partition has been delivered: kafkajs forgets a seek with a rebalance or a
 * restart of its consumer, so the first join alone is not enough. kafkajs runs GROUP_JOIN
 * listeners synchronously after SyncGroup, before it fetches, and discards fetched batches of a
 * partition with a seek pending; the seek then commits the offset, so nothing before the
 * placement is delivered. (admin.setOffsets before joining would need no seek, but in kafkajs
 * 2.2.4 it joins the group with a consumer of its own, once per topic, and refuses a group with
 * members; and kafkajs has no per-partition reset policy to hand a timestamp to.)
 */
export function placeOnJoin(
  consumer: Consumer,
  placements: readonly Placement[],
): { delivered(topic: string, partition: number): void } {
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const pending = new Map(placements.map((p) => [key(p.topic, p.partition), p]));
  if (pending.size === 0) return { delivered: () => {} };
  const stop = consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
      for (const partition of partitions) {
        const placement = pending.get(key(topic, partition));
        if (placement) consumer.seek(placement);
      }
    }
  });
  return {
    delivered(topic, partition) {
      if (pending.size > 0 && pending.delete(key(topic, partition)) && pending.size === 0) stop();
    },
  };
}
