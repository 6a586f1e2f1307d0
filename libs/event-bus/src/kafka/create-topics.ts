import type { Admin, ITopicConfig } from 'kafkajs';

/** What a partition of a just-created topic answers while its broker catches up: retried. */
const NOT_SERVED_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION']);
const POLL_MS = 50;

/** The protocol error kafkajs threw, also when its retrier wrapped it (retries exhausted). */
function errorType(error: unknown): string | undefined {
  const e = error as { type?: string; cause?: { type?: string } } | undefined;
  return e?.type ?? e?.cause?.type;
}

/**
 * Creates `topics` (those that exist are left as they are) and resolves once every partition of
 * each answers ListOffsets on its leader, so a produce, a fetch or a ListOffsets by time right
 * after cannot be refused. On KRaft, CreateTopics answers once the controller has committed the
 * topic; the broker's metadata cache and then its replica manager follow a moment later (longer
 * under load; seen on Kafka 3.9.1 and on every 4.x tried). Meanwhile Metadata answers
 * UNKNOWN_TOPIC_OR_PARTITION, which kafkajs 2.2.4's `waitForLeaders` does not wait out (it fails
 * createTopics), and ListOffsets NOT_LEADER_FOR_PARTITION, which its fetchTopicOffsetsByTimestamp
 * does not retry (a subscribe with startAt failed, and the hunt API's start with it).
 */
export async function createTopicsServed(
  admin: Pick<Admin, 'createTopics' | 'fetchTopicOffsets'>,
  topics: readonly ITopicConfig[],
  timeoutMs = 30_000,
): Promise<void> {
  await admin.createTopics({ waitForLeaders: false, topics: [...topics] });
  const deadline = Date.now() + timeoutMs;
  for (const { topic } of topics) {
    for (;;) {
      try {
        // Every partition's high and low offsets, each asked of its leader.
        if ((await admin.fetchTopicOffsets(topic)).length > 0) break;
      } catch (error) {
        if (!NOT_SERVED_YET.has(errorType(error) ?? '')) throw error;
        if (Date.now() > deadline) {
          throw new Error(`kafka: topic ${topic} still not served ${timeoutMs} ms after it was created`, {
            cause: error,
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
