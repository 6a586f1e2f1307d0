import { hostname } from 'node:os';
import { LOOT_AWARDED_TOPIC, lootAwardedV1, type LootAwardedV1 } from '@hunt/contracts';
import { DLQ_HEADERS, dlqTopic, EventValidationError, type EventBus } from '@hunt/event-bus';
import type { AwardOutbox, OutboxEntry } from '@hunt/loot-store';
import { createOutageLog, type Logger } from '@hunt/service-kit';
import { z } from 'zod';
import type { LootMetrics } from './metrics';

export interface AwardRelayOptions {
  readonly outbox: AwardOutbox;
  readonly bus: EventBus;
  /** Default LOOT_AWARDED_TOPIC; tests give each run its own. startLootService ensures it exists. */
  readonly topic?: string;
  /** The service's metrics: published, errors, outbox depth and oldest age. */
  readonly metrics: LootMetrics;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Unique per process (default host-pid): replicas share the outbox as one consumer group. */
  readonly consumer?: string;
  /** Entries per read; they go to Kafka together through the bus's group commit (default 500). */
  readonly batchSize?: number;
  /** Pause when the outbox is empty (default 20 ms): the award's extra delay on an idle service. */
  readonly idlePollMs?: number;
  /** Backoff after a failure doubles from 100 ms up to this (default 5000 ms). */
  readonly maxBackoffMs?: number;
  /** A crashed replica's unacked entries are taken over after this (default 30 s). */
  readonly reclaimIdleMs?: number;
  /** How often the outbox depth and oldest-age gauges are refreshed (default 1000 ms). */
  readonly statsIntervalMs?: number;
}

export interface AwardRelay {
  /** Finishes the batch in flight (published entries are acked), then stops. */
  close(): Promise<void>;
}

const FIRST_BACKOFF_MS = 100;

/**
 * Moves award events from the store's outbox to Kafka: read a batch, publish it (the bus batches
 * it into one produce request), ack only what Kafka acked. At-least-once: an entry whose publish
 * failed stays and is read again; after a crash another replica (or the restarted process, under
 * a new consumer name) takes it over after reclaimIdleMs. A store or broker outage is retried with
 * capped backoff, forever, and never throws out of the loop. An entry the schema rejects (a bug
 * in the claim step) would block nothing: it goes to the topic's dead-letter topic with the reason.
 */
export function startAwardRelay(opts: AwardRelayOptions): AwardRelay {
  const { outbox, bus, logger, metrics } = opts;
  const outages = createOutageLog(logger);
  const topic = opts.topic ?? LOOT_AWARDED_TOPIC;
  const now = opts.now ?? Date.now;
  const consumer = opts.consumer ?? `${hostname()}-${process.pid}`;
  const readOptions = { consumer, limit: opts.batchSize ?? 500, reclaimIdleMs: opts.reclaimIdleMs ?? 30_000 };
  const maxBackoffMs = opts.maxBackoffMs ?? 5000;
  let stopped = false;
  let wake = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Publishes one entry; false when it must be retried (the broker did not take it). */
  async function publish(entry: OutboxEntry): Promise<boolean> {
    try {
      await bus.publish({
        topic,
        key: entry.shardId,
        schema: lootAwardedV1,
        value: JSON.parse(entry.event) as LootAwardedV1,
        configVersion: entry.configVersion,
      });
      return true;
    } catch (error) {
      if (!(error instanceof EventValidationError || error instanceof SyntaxError)) return false;
      logger.error({ err: error, entry: entry.id }, 'award relay: invalid outbox entry, dead-lettering it');
      return bus
        .publish({
          topic: dlqTopic(topic),
          key: entry.shardId,
          schema: z.string(),
          value: entry.event,
          headers: { [DLQ_HEADERS.reason]: (error as Error).message },
          configVersion: entry.configVersion,
        })
        .then(
          () => true,
          () => false,
        );
    }
  }

  /** One read-publish-ack round; throws what failed (the stage is counted). */
  async function round(): Promise<number> {
    const fail = (stage: string) => (error: unknown) => {
      metrics.relayErrors.inc({ stage });
      throw error;
    };
    const entries = await outbox.read(readOptions).catch(fail('read'));
    if (entries.length === 0) return 0;
    const ok = await Promise.all(entries.map(publish));
    const done = entries.filter((_, i) => ok[i]).map((e) => e.id);
    // Published but not acked (Redis gone meanwhile): read and sent again later, at-least-once.
    await outbox.ack(done).catch(fail('ack'));
    metrics.relayPublished.inc(done.length);
    if (done.length < entries.length) {
      fail('publish')(new Error(`${entries.length - done.length} of ${entries.length} award events not published`));
    }
    return entries.length;
  }

  async function loop(): Promise<void> {
    let backoff = FIRST_BACKOFF_MS;
    while (!stopped) {
      try {
        const read = await round();
        backoff = FIRST_BACKOFF_MS;
        if (read === 0) await pause(opts.idlePollMs ?? 20);
      } catch (error) {
        outages.report('relay', error, 'award relay: Kafka or Redis unavailable; retrying with back-off');
        await pause(backoff);
        backoff = Math.min(maxBackoffMs, backoff * 2);
      }
    }
  }

  async function refreshStats(): Promise<void> {
    try {
      const s = await outbox.stats();
      metrics.outboxDepth.set(s.depth);
      metrics.outboxOldestAge.set(s.oldestAppendedAtMs === null ? 0 : Math.max(0, now() - s.oldestAppendedAtMs) / 1000);
    } catch {
      // the gauges keep their last values; the relay's read errors already count the outage
    }
  }

  const running = loop();
  let refreshing: Promise<void> | undefined;
  const statsTimer = setInterval(() => {
    refreshing ??= refreshStats().finally(() => (refreshing = undefined));
  }, opts.statsIntervalMs ?? 1000);
  return {
    async close() {
      stopped = true;
      clearInterval(statsTimer);
      wake();
      await Promise.all([running, refreshing]);
    },
  };
}
