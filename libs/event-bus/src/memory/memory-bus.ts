import { trackCatchUp, type CatchUp } from '../catch-up';
import { exportConsumerLag, type ConsumerLagOptions, type LagSample } from '../consumer-lag';
import { deliverPartition, dlqTopic, type RawMessage } from '../delivery';
import { encode } from '../encode';
import { BATCH_LIMIT, type EventBus, type EventHeaders, type SubscribeOptions, type Subscription } from '../port';
import { startTimes } from '../start-at';

interface StoredMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: EventHeaders;
  /** When it was published (the bus's clock), for SubscribeOptions.startAt. */
  readonly timestampMs: number;
}

export interface InMemoryEventBusOptions {
  /** Stamped as the `config-version` header on every published message. */
  readonly configVersion: number;
  /** Stamps each message's timestamp, as a Kafka producer does (default Date.now). */
  readonly now?: () => number;
  observeVersion?: (version: string | undefined) => void;
  onTransientError?: (error: unknown) => void;
  /** Exports `kafka_consumer_lag` as the Kafka bus does, computed at each scrape (partition 0). */
  readonly consumerLag?: Pick<ConsumerLagOptions, 'registry'>;
}

/**
 * The embedded event bus (`npm start` without Kafka) and the test double of the Kafka adapter:
 * same contract suite. Each topic is one ordered log (one partition); consumer groups keep
 * committed offsets, so a restarted subscriber resumes where its group left off.
 */
export function createInMemoryEventBus(opts: InMemoryEventBusOptions): EventBus & {
  /** Test and debug view of a topic's log (values as published JSON). */
  messages(topic: string): readonly StoredMessage[];
} {
  const logs = new Map<string, StoredMessage[]>();
  const committed = new Map<string, number>();
  const waiters = new Set<() => void>();
  const subscriptions = new Set<Subscription>();
  const lagTargets = new Set<{ readonly group: string; readonly topics: readonly string[] }>();
  const log = (topic: string) => logs.get(topic) ?? logs.set(topic, []).get(topic)!;
  const now = opts.now ?? Date.now;
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const append = (topic: string, message: Omit<StoredMessage, 'timestampMs'>) => {
    log(topic).push({ ...message, timestampMs: now() });
    wake();
  };
  const groupKey = (group: string, topic: string) => `${group}\u0000${topic}`;
  const lagSamples = (): LagSample[] =>
    [...lagTargets].flatMap(({ group, topics }) =>
      topics.map((topic) => {
        const end = log(topic).length;
        return { group, topic, partition: 0, lag: end - (committed.get(groupKey(group, topic)) ?? end) };
      }),
    );
  const removeLag = opts.consumerLag && exportConsumerLag(opts.consumerLag.registry, lagSamples);

  async function consume(
    topic: string,
    groupId: string,
    handler: SubscribeOptions['handlers'][number],
    state: { stopped: boolean },
    catchUp: CatchUp,
  ) {
    const key = groupKey(groupId, topic);
    while (!state.stopped) {
      const offset = committed.get(key)!;
      // What a fetch would return: the unconsumed rest of the log, as far as a batch reaches.
      const fetched = log(topic).slice(offset, offset + BATCH_LIMIT);
      if (fetched.length === 0) {
        await new Promise<void>((resolve) => {
          const w = () => (waiters.delete(w), resolve());
          waiters.add(w);
        });
        continue;
      }
      const raws = fetched.map((message, i): RawMessage => ({
        value: message.value,
        meta: { topic, partition: 0, offset: String(offset + i), key: message.key, headers: message.headers },
      }));
      try {
        await deliverPartition(handler, raws, {
          deadLetter: async (r, headers) =>
            append(dlqTopic(topic), { key: r.meta.key ?? '', value: r.value ?? '', headers }),
          heartbeat: async () => {},
          stopped: () => state.stopped,
          onTransientError: (error) => opts.onTransientError?.(error),
          observeVersion: opts.observeVersion,
          commit: async (last) => {
            committed.set(key, Number(last.meta.offset) + 1);
            catchUp.consumed(topic, 0, Number(last.meta.offset) + 1);
          },
        });
      } catch {
        return; // stopped while the handler kept failing: the offset stays uncommitted
      }
    }
  }

  return {
    async ensureTopics(topics) {
      for (const t of topics) {
        log(t);
        log(dlqTopic(t));
      }
    },
    async publish(request) {
      const { value, headers } = encode(request, opts.configVersion);
      append(request.topic, { key: request.key, value, headers });
    },
    async subscribe(options) {
      const times = startTimes(options);
      const state = { stopped: false };
      const starts = options.handlers.map(({ topic }) => {
        const key = groupKey(options.groupId, topic);
        if (!committed.has(key)) committed.set(key, firstOffset(log(topic), times.get(topic), options.fromBeginning));
        return { topic, partition: 0, start: committed.get(key)!, end: log(topic).length };
      });
      const catchUp = trackCatchUp(starts);
      const loops = options.handlers.map((h) => consume(h.topic, options.groupId, h, state, catchUp));
      const target = { group: options.groupId, topics: options.handlers.map((h) => h.topic) };
      lagTargets.add(target);
      const subscription: Subscription = {
        caughtUp: catchUp.caughtUp,
        async close() {
          state.stopped = true;
          lagTargets.delete(target);
          wake();
          await Promise.all(loops);
          subscriptions.delete(subscription);
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },
    healthy: async () => true,
    async close() {
      removeLag?.();
      await Promise.all([...subscriptions].map((s) => s.close()));
    },
    messages: (topic) => [...log(topic)],
  };
}

/** Where a group without a committed offset starts: see SubscribeOptions.startAt and fromBeginning. */
function firstOffset(log: readonly StoredMessage[], startAt: number | undefined, fromBeginning = false): number {
  if (startAt === undefined) return fromBeginning ? 0 : log.length;
  const at = log.findIndex((m) => m.timestampMs >= startAt);
  return at < 0 ? log.length : at;
}
