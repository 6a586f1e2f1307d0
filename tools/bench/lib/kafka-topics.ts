/** Kafka housekeeping shared by the benchmarks: each run scopes its topics by a prefix of its own. */
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Runs `fn` with a connected admin client, then disconnects it. */
export async function withAdmin<T>(brokers: readonly string[], fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes this run's topics (those under its prefix). */
export async function deleteTopics(brokers: readonly string[], prefix: string): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    const ours = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  });
}

/** Messages a topic holds (sum over its partitions of high - low watermark). */
export async function messagesOn(brokers: readonly string[], topic: string): Promise<number> {
  return withAdmin(brokers, async (admin) =>
    (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0),
  );
}
