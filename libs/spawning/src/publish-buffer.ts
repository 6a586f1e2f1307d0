import { shardAt } from '@hunt/world';
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import type { EventBus } from '@hunt/event-bus';
import type { SpawnerMetrics } from './metrics';

/**
 * The spawner's publish buffer: spawned events on their way to Kafka. It does not batch: it hands
 * events to the bus as they come, at most `maxInFlight` unacknowledged at a time, and the bus's
 * group commit packs whatever is waiting into each produce request.
 *
 * Bounded: an event is the buffer's from `push` until Kafka acknowledged it (waiting or in
 * flight, both count against `capacity`); what does not fit is dropped and counted
 * (`spawner_dropped_total{reason="buffer_full"}`), never queued without bound. A failed publish
 * keeps its event: the buffer stops handing out events, waits for those in flight to settle and
 * for a back-off (100 ms doubling to 5 s), then retries the failed ones first, in their order,
 * so the process never crashes and resumes by itself. An event whose treasure expired while
 * waiting is dropped (`reason="expired"`): a treasure nobody can claim is not worth publishing
 * late. Order per zone is kept, except that an event retried after a failed produce request may
 * land after events that a later request got through.
 */
export function createPublishBuffer(opts: {
  bus: Pick<EventBus, 'publish'>;
  /** Default `hunt.treasure-spawned.v1`; tests use a topic of their own. */
  topic?: string;
  capacity: number;
  /** Events handed to the bus and not yet acknowledged, at most: enough for about two produce requests. */
  maxInFlight: number;
  metrics: SpawnerMetrics;
  now: () => number;
  onPublishError?: (error: unknown) => void;
}) {
  const topic = opts.topic ?? TREASURE_SPAWNED_TOPIC;
  let queue: TreasureSpawnedV1[] = [];
  let head = 0; // queue[head..] wait; the rest were handed out
  let failed: TreasureSpawnedV1[] = []; // in publish order, retried first
  let inFlight = 0;
  let failures = 0; // consecutive rounds that ended in a failed publish
  let retrying: Promise<void> | undefined; // set from a failure until the retry starts
  let closed = false;
  let wakeUp = () => {};
  const idleWaiters: (() => void)[] = [];
  const depth = () => queue.length - head + failed.length + inFlight;
  const updateDepth = () => opts.metrics.bufferDepth.set(depth());

  function publish(event: TreasureSpawnedV1): void {
    inFlight++;
    const started = performance.now();
    opts.bus.publish({ topic, key: shardAt(event.lat, event.lng), schema: treasureSpawnedV1, value: event }).then(
      () => {
        opts.metrics.produceSeconds.observe((performance.now() - started) / 1000);
        opts.metrics.spawned.inc({ zone: event.zone_id, tier: event.tier });
        failures = 0;
        settled();
      },
      (error: unknown) => {
        if (event.expires_at > opts.now()) failed.push(event);
        else opts.metrics.dropped.inc({ reason: 'expired' });
        if (!retrying) {
          failures++;
          opts.onPublishError?.(error);
          retrying = retryLater();
        }
        settled();
      },
    );
  }

  function settled(): void {
    inFlight--;
    if (inFlight === 0) for (const resolve of idleWaiters.splice(0)) resolve();
    pump();
  }

  /** Resolves once nothing is in flight. */
  function idle(): Promise<void> {
    return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  }

  /** After a failure: back off and let the requests in flight settle, then retry the failed first. */
  async function retryLater(): Promise<void> {
    await Promise.all([idle(), pause(Math.min(100 * 2 ** (failures - 1), 5000))]);
    const now = opts.now();
    const retry = failed.filter((e) => e.expires_at > now);
    opts.metrics.dropped.inc({ reason: 'expired' }, failed.length - retry.length);
    queue = [...retry, ...queue.slice(head)];
    head = 0;
    failed = [];
    retrying = undefined;
    pump();
  }

  /** Hands waiting events to the bus up to maxInFlight; paused while a retry is pending. */
  function pump(): void {
    while (!closed && !retrying && inFlight < opts.maxInFlight && head < queue.length) publish(queue[head++]!);
    if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    updateDepth();
  }

  /** A back-off wait that close() cuts short (or skips, once closed). */
  function pause(ms: number): Promise<void> {
    if (closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  return {
    /** Queues events (dropping, and counting, what does not fit) and starts publishing. */
    push(events: readonly TreasureSpawnedV1[]): void {
      const room = Math.max(0, opts.capacity - depth());
      const accepted = events.length <= room ? events : events.slice(0, room);
      if (accepted.length < events.length)
        opts.metrics.dropped.inc({ reason: 'buffer_full' }, events.length - accepted.length);
      for (const e of accepted) queue.push(e);
      pump();
    },
    /** Events not yet acknowledged by Kafka: waiting, in flight, or failed and due for a retry. */
    depth,
    /** Waits until every event is acknowledged or `deadlineMs` passes; resolves with what is left. */
    async flush(deadlineMs: number): Promise<number> {
      while (depth() > 0 && opts.now() < deadlineMs) await new Promise((r) => setTimeout(r, 10));
      return depth();
    },
    /**
     * Stops publishing; resolves once the events in flight have settled. What is left (depth) is
     * then never published.
     */
    async close(): Promise<void> {
      closed = true;
      wakeUp();
      await idle();
      await retrying;
      updateDepth();
    },
  };
}

export type PublishBuffer = ReturnType<typeof createPublishBuffer>;
