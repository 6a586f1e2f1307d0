import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import type { EventBus } from '@hunt/event-bus';
import type { SpawnerMetrics } from './metrics';

/**
 * Spawned events on their way to Kafka. Bounded: when full, new events are dropped and counted
 * (`spawner_dropped_total{reason="buffer_full"}`), never queued without bound. While Kafka is
 * down the buffer holds what it can; a publish that fails puts its events back at the front
 * and the pump backs off (100 ms doubling to 5 s), so the process never crashes and resumes by
 * itself. An event whose treasure expired while waiting is dropped (`reason="expired"`): a
 * treasure nobody can claim is not worth publishing late. Order is kept per zone.
 */
export function createOutbox(opts: {
  bus: Pick<EventBus, 'publish'>;
  /** Default `hunt.treasure-spawned.v1`; tests use a topic of their own. */
  topic?: string;
  capacity: number;
  /** Events handed to the bus at once (the bus batches them into one produce request). */
  batchSize: number;
  metrics: SpawnerMetrics;
  now: () => number;
  onPublishError?: (error: unknown) => void;
}) {
  const queue: TreasureSpawnedV1[] = [];
  let head = 0;
  let pumping: Promise<void> | undefined;
  let failures = 0;
  let wakeUp = () => {};
  let closed = false;
  const depth = () => queue.length - head;
  const updateDepth = () => opts.metrics.bufferDepth.set(depth());

  async function publishBatch(): Promise<boolean> {
    const batch = queue.slice(head, head + opts.batchSize);
    head += batch.length;
    const end = opts.metrics.produceSeconds.startTimer();
    const results = await Promise.allSettled(
      batch.map((value) =>
        opts.bus.publish({
          topic: opts.topic ?? TREASURE_SPAWNED_TOPIC,
          key: value.zone_id,
          schema: treasureSpawnedV1,
          value,
        }),
      ),
    );
    end();
    const failed = batch.filter((_, i) => results[i]!.status === 'rejected');
    for (const [i, r] of results.entries()) {
      if (r.status === 'fulfilled') opts.metrics.spawned.inc({ zone: batch[i]!.zone_id, tier: batch[i]!.tier });
    }
    if (failed.length === 0) return true;
    opts.onPublishError?.((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason);
    const now = opts.now();
    const retry = failed.filter((e) => e.expires_at > now);
    opts.metrics.dropped.inc({ reason: 'expired' }, failed.length - retry.length);
    // Put them back in front, in order, before anything spawned meanwhile.
    queue.splice(0, head, ...retry);
    head = 0;
    return false;
  }

  async function pump(): Promise<void> {
    while (!closed && depth() > 0) {
      const ok = await publishBatch();
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      updateDepth();
      failures = ok ? 0 : failures + 1;
      if (!ok) await pause(Math.min(100 * 2 ** (failures - 1), 5000));
    }
  }

  /** A back-off wait that close() cuts short. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  function kick(): void {
    pumping ??= pump().finally(() => {
      pumping = undefined;
      if (!closed && depth() > 0) kick();
    });
  }

  return {
    /** Queues events (dropping, and counting, what does not fit) and starts publishing. */
    push(events: readonly TreasureSpawnedV1[]): void {
      const room = Math.max(0, opts.capacity - depth());
      const accepted = events.length <= room ? events : events.slice(0, room);
      if (accepted.length < events.length)
        opts.metrics.dropped.inc({ reason: 'buffer_full' }, events.length - accepted.length);
      queue.push(...accepted);
      updateDepth();
      kick();
    },
    depth,
    /** Waits until the buffer is empty or `deadlineMs` passes; resolves with what is left. */
    async flush(deadlineMs: number): Promise<number> {
      while (depth() > 0 && opts.now() < deadlineMs) {
        kick();
        await Promise.race([pumping, new Promise((r) => setTimeout(r, 20))]);
      }
      return depth();
    },
    /** Stops publishing; resolves once the batch in flight (if any) has settled. */
    async close(): Promise<void> {
      closed = true;
      wakeUp();
      await pumping;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
