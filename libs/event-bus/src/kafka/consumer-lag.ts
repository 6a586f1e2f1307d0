import type { Admin } from 'kafkajs';
import {
  DEFAULT_LAG_REFRESH_MS,
  exportConsumerLag,
  startLagRefresher,
  type ConsumerLagOptions,
  type LagSample,
} from '../consumer-lag';

/** A subscription's consumer group and its topics, by broker name. */
export interface LagTarget {
  readonly group: string;
  readonly topics: readonly string[];
}

/**
 * Each group's lag per partition of its topics: the high watermark minus the committed offset,
 * or minus the low watermark where the group has none committed (or one below it, deleted by
 * retention): what the group still has to read if it starts at its oldest message, which every
 * subscription of this tree does (fromBeginning, or startAt, whose placement commits on join).
 * A group that starts at new messages shows its whole partition until its first commit.
 * Committed offsets are read first: messages published meanwhile count, none is missed.
 */
export async function readConsumerLag(
  admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>,
  targets: Iterable<LagTarget>,
): Promise<LagSample[]> {
  const groups = new Map<string, Set<string>>();
  for (const { group, topics } of targets) {
    const set = groups.get(group) ?? groups.set(group, new Set()).get(group)!;
    for (const t of topics) set.add(t);
  }
  if (groups.size === 0) return [];
  const committed = await Promise.all(
    [...groups].map(async ([group, topics]) => ({
      group,
      topics: await admin.fetchOffsets({ groupId: group, topics: [...topics] }),
    })),
  );
  const topics = [...new Set([...groups.values()].flatMap((t) => [...t]))];
  const ends = new Map(await Promise.all(topics.map(async (t) => [t, await admin.fetchTopicOffsets(t)] as const)));
  return committed.flatMap(({ group, topics: byTopic }) =>
    byTopic.flatMap(({ topic, partitions }) => {
      const end = new Map((ends.get(topic) ?? []).map((p) => [p.partition, p]));
      return partitions.flatMap(({ partition, offset }) => {
        const watermarks = end.get(partition);
        if (!watermarks) return []; // a partition added since the committed offsets were read
        const from = Math.max(Number(offset), Number(watermarks.low));
        return [{ group, topic, partition, lag: Math.max(0, Number(watermarks.high) - from) }];
      });
    }),
  );
}

/**
 * The Kafka bus's lag gauge: refreshed through its admin client every `refreshIntervalMs`
 * (startLagRefresher), never on the scrape path. A target's series leave with it.
 */
export function exportKafkaConsumerLag(
  admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>,
  options: ConsumerLagOptions,
  targets: () => Iterable<LagTarget>,
): { close(): Promise<void> } {
  const refresher = startLagRefresher({
    read: () => readConsumerLag(admin, targets()),
    intervalMs: options.refreshIntervalMs ?? DEFAULT_LAG_REFRESH_MS,
    onError: (error) => options.onRefreshError?.(error),
  });
  const remove = exportConsumerLag(options.registry, () => {
    const live = new Set([...targets()].map((t) => t.group));
    return refresher.latest().filter((s) => live.has(s.group));
  });
  return {
    async close() {
      remove();
      await refresher.close();
    },
  };
}
