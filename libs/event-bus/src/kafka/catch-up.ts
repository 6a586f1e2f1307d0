import type { Admin } from 'kafkajs';
import type { CatchUpTarget } from '../catch-up';
import type { CommittedOffsets, Placement } from './placement';

/**
 * Subscription.caughtUp's targets on Kafka, read once before the consumer joins (never on the
 * caughtUp path): each partition's high watermark now, and where the group starts on it. That
 * is its committed offset; else the startAt placement; else, as for a committed offset out of
 * range (deleted by retention), where the consumer resets: its oldest offset (fromBeginning and
 * every startAt topic, see kafka-bus.ts) or its end (new messages only).
 */
export async function catchUpTargets(
  admin: Pick<Admin, 'fetchTopicOffsets'>,
  committed: CommittedOffsets,
  placements: readonly Placement[],
  fromBeginning: (topic: string) => boolean,
): Promise<CatchUpTarget[]> {
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const placed = new Map(placements.map((p) => [key(p.topic, p.partition), Number(p.offset)]));
  const perTopic = await Promise.all(
    committed.map(async ({ topic, partitions }) => {
      const own = new Map(partitions.map((p) => [p.partition, Number(p.offset)]));
      return (await admin.fetchTopicOffsets(topic)).map(({ partition, high, low }): CatchUpTarget => {
        const [end, oldest, at] = [Number(high), Number(low), own.get(partition) ?? -1];
        const reset = fromBeginning(topic) ? oldest : end;
        const start = at < 0 ? (placed.get(key(topic, partition)) ?? reset) : at < oldest || at > end ? reset : at;
        return { topic, partition, start, end };
      });
    }),
  );
  return perTopic.flat();
}
