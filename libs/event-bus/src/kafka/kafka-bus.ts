import { Kafka, logLevel, Partitioners, type Consumer, type IHeaders, type Message } from 'kafkajs';
import { trackCatchUp } from '../catch-up';
import type { ConsumerLagOptions } from '../consumer-lag';
import { deliverPartition, dlqTopic, type RawMessage } from '../delivery';
import { encode } from '../encode';
import { EventBusUnavailableError, type EventBus, type EventHeaders, type Subscription } from '../port';
import { startTimes } from '../start-at';
import { catchUpTargets } from './catch-up';
import { exportKafkaConsumerLag, type LagTarget } from './consumer-lag';
import { createTopicsServed } from './create-topics';
import { createGroupCommit } from './group-commit';
import { placeOnJoin, placementsByTime } from './placement';

export interface KafkaEventBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Stamped as the `config-version` header on every published message. */
  readonly configVersion: number;
  /** Partitions of topics this bus creates (ensureTopics). */
  readonly partitions?: number;
  /**
   * Scopes a deployment on a shared cluster: every topic and consumer group becomes
   * `<prefix>.<name>` on the broker, while callers and handlers keep the logical names.
   * Empty or absent (a lone deployment): names unchanged.
   */
  readonly topicPrefix?: string;
  observeVersion?: (version: string | undefined) => void;
  onTransientError?: (error: unknown) => void;
  /** Exports `kafka_consumer_lag` for this bus's subscriptions (see ConsumerLagOptions). */
  readonly consumerLag?: ConsumerLagOptions;
}

interface Outgoing {
  readonly topic: string;
  readonly message: Message;
}

const HEALTH_TIMEOUT_MS = 1000;

/** At most ~512 KiB of values per produce request: half the broker's default request limit. */
const SEND_LIMITS = {
  maxWeight: 512 * 1024,
  weigh: (o: Outgoing) => String(o.message.value ?? '').length + String(o.message.key ?? '').length + 64,
};

/**
 * The event bus on Kafka (kafkajs). The producer is idempotent with acks from all in-sync
 * replicas (acks -1, maxInFlightRequests 1, as kafkajs idempotence requires) and batches by
 * group commit. Consumers hand each fetched batch of a partition (eachBatch, one partition at a
 * time) to deliverPartition, which resolves an offset only after its message (or the batch of a
 * BatchEventHandler) was handled or dead-lettered; kafkajs auto-commits resolved offsets. A
 * subscription's startAt is looked up by timestamp before joining and applied by seeking on join
 * (placement.ts); so are its catch-up targets (catch-up.ts), whose progress the commits report.
 * With `consumerLag`, the subscribed groups' lag is read through the admin client every few
 * seconds (consumer-lag.ts); close() stops that first.
 */
export async function createKafkaEventBus(opts: KafkaEventBusOptions): Promise<EventBus> {
  const scoped = (name: string) => (opts.topicPrefix ? `${opts.topicPrefix}.${name}` : name);
  const kafka = new Kafka({
    clientId: opts.clientId,
    brokers: [...opts.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const admin = kafka.admin();
  await producer.connect();
  await admin.connect();
  const consumers = new Set<Subscription>();
  const lagTargets = new Set<LagTarget>();
  const lag = opts.consumerLag && exportKafkaConsumerLag(admin, opts.consumerLag, () => lagTargets);

  const groupCommit = createGroupCommit<Outgoing>(async (batch) => {
    const byTopic = new Map<string, Message[]>();
    for (const o of batch) {
      const topic = scoped(o.topic);
      (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!).push(o.message);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      throw new EventBusUnavailableError(`kafka: publish failed: ${(error as Error).message}`, { cause: error });
    }
  }, SEND_LIMITS);

  return {
    async ensureTopics(topics) {
      const wanted = topics.flatMap((t) => [t, dlqTopic(t)]).map(scoped);
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      await createTopicsServed(
        admin,
        missing.map((topic) => ({ topic, numPartitions: opts.partitions ?? 3 })),
      );
    },

    async publish(request) {
      const { value, headers } = encode(request, opts.configVersion);
      return groupCommit.push({ topic: request.topic, message: { key: request.key, value, headers } });
    },

    async subscribe(options) {
      const groupId = scoped(options.groupId);
      const times = new Map([...startTimes(options)].map(([topic, at]) => [scoped(topic), at]));
      // Keyed by the broker's (scoped) name; handlers and meta see the logical one.
      const byTopic = new Map(options.handlers.map((h) => [scoped(h.topic), h]));
      const committed = await admin.fetchOffsets({ groupId, topics: [...byTopic.keys()] });
      const placements = await placementsByTime(admin, committed, times);
      const catchUp = trackCatchUp(
        await catchUpTargets(admin, committed, placements, (t) => times.has(t) || (options.fromBeginning ?? false)),
      );
      const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
      await consumer.connect();
      const placed = placeOnJoin(consumer, placements);
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => catchUp.retain(payload.memberAssignment));
      const [timed, untimed] = [
        [...byTopic.keys()].filter((t) => times.has(t)),
        [...byTopic.keys()].filter((t) => !times.has(t)),
      ];
      // A startAt topic whose offset is out of range (or a placement kafkajs lost) resets to its
      // oldest message: it replays rather than skips.
      if (timed.length > 0) await consumer.subscribe({ topics: timed, fromBeginning: true });
      if (untimed.length > 0)
        await consumer.subscribe({ topics: untimed, fromBeginning: options.fromBeginning ?? false });
      let stopped = false;
      await consumer.run({
        // Offsets are resolved by deliverPartition's commits only: the rest of a batch left
        // when stopping or losing the partition stays uncommitted.
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, ...payload }) => {
          placed.delivered(batch.topic, batch.partition);
          const handler = byTopic.get(batch.topic)!;
          const { topic } = handler;
          const raws = batch.messages.map((message): RawMessage => ({
            value: message.value?.toString() ?? null,
            meta: {
              topic,
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              headers: decodeHeaders(message.headers),
            },
          }));
          await deliverPartition(handler, raws, {
            deadLetter: (raw, dlqHeaders) =>
              groupCommit.push({
                topic: dlqTopic(topic),
                message: { key: raw.meta.key, value: raw.value, headers: { ...dlqHeaders } },
              }),
            heartbeat: () => payload.heartbeat(),
            stopped: () => stopped,
            onTransientError: (error) => opts.onTransientError?.(error),
            observeVersion: opts.observeVersion,
            // As kafkajs does after each message of eachMessage: resolve, commit when due, heartbeat.
            commit: async (last) => {
              catchUp.consumed(batch.topic, batch.partition, Number(last.meta.offset) + 1);
              payload.resolveOffset(last.meta.offset);
              await payload.commitOffsetsIfNecessary();
              await payload.heartbeat();
            },
            revoked: () => !payload.isRunning() || payload.isStale(),
          });
        },
      });
      const target: LagTarget = { group: groupId, topics: [...byTopic.keys()] };
      lagTargets.add(target);
      const subscription: Subscription = {
        caughtUp: catchUp.caughtUp,
        async close() {
          stopped = true;
          consumers.delete(subscription);
          lagTargets.delete(target);
          await consumer.disconnect();
        },
      };
      consumers.add(subscription);
      return subscription;
    },

    async healthy() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS)));
      const probe = admin.describeCluster().then(
        (c) => c.brokers.length > 0,
        () => false,
      );
      return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
    },

    async close() {
      await lag?.close();
      await Promise.all([...consumers].map((c) => c.close()));
      await groupCommit.flush();
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    },
  };
}

function decodeHeaders(headers: IHeaders | undefined): EventHeaders {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value[value.length - 1] : value)?.toString() ?? '';
  }
  return out;
}
