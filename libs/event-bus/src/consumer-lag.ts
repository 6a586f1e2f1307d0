import { Gauge, type Registry } from 'prom-client';

/** One partition's lag of a consumer group, in messages. Group and topic as on the broker. */
export interface LagSample {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/**
 * Turns on a bus's `kafka_consumer_lag{group,topic,partition}` gauge: for every consumer group
 * the bus subscribes, per partition of its topics, the messages between the group's committed
 * offset and the partition's end. Group and topic are the broker's names (with the deployment's
 * topic prefix), as Kafka's own tools show them.
 */
export interface ConsumerLagOptions {
  /** The service's registry (never prom-client's global one). */
  readonly registry: Registry;
  /** Kafka: how often the lag is read from the broker (default 5000 ms). In memory: at each scrape. */
  readonly refreshIntervalMs?: number;
  /**
   * Kafka: a refresh failed (broker unreachable or slow). Called at most once per refresh, so at
   * most once per interval; the refresher never throws. Route it to an outage log.
   */
  readonly onRefreshError?: (error: unknown) => void;
}

export const CONSUMER_LAG_METRIC = 'kafka_consumer_lag';
export const DEFAULT_LAG_REFRESH_MS = 5000;

/** The lag sources of each registry's one gauge: several buses may share a service's registry. */
const sourcesByRegistry = new WeakMap<Registry, Set<() => readonly LagSample[]>>();

/**
 * Adds a source to the registry's `kafka_consumer_lag` gauge (registered on first use). A scrape
 * only reads what the sources hold: `source` must answer at once, without I/O. Returns the
 * function that removes the source (its series leave the next scrape).
 */
export function exportConsumerLag(registry: Registry, source: () => readonly LagSample[]): () => void {
  let sources = sourcesByRegistry.get(registry);
  if (!sources) {
    const own = new Set<() => readonly LagSample[]>();
    new Gauge({
      name: CONSUMER_LAG_METRIC,
      help: "Messages between the consumer group's committed offset and the partition's end offset (its oldest offset when the group has none committed)",
      labelNames: ['group', 'topic', 'partition'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const read of own) {
          for (const s of read()) this.set({ group: s.group, topic: s.topic, partition: String(s.partition) }, s.lag);
        }
      },
    });
    sourcesByRegistry.set(registry, own);
    sources = own;
  }
  const added = sources;
  added.add(source);
  return () => void added.delete(source);
}

export interface LagRefresherOptions {
  /** One reading of every group's lag; may be slow or fail (the broker's round trips). */
  read(): Promise<readonly LagSample[]>;
  readonly intervalMs: number;
  onError(error: unknown): void;
  readonly now?: () => number;
}

/**
 * Reads the lag off the scrape path: one read at a time, the next `intervalMs` after the last
 * one settled. A failed read keeps the last values (a blip must not reset an alert's `for`)
 * until none succeeded for `max(60 s, 3 intervals)`; then the series are cleared, because a
 * frozen number during an outage would be a lie, and no series says "unknown".
 */
export function startLagRefresher(opts: LagRefresherOptions) {
  const now = opts.now ?? Date.now;
  const staleAfterMs = Math.max(60_000, 3 * opts.intervalMs);
  let latest: readonly LagSample[] = [];
  let lastSuccessMs = now();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    try {
      latest = await opts.read();
      lastSuccessMs = now();
    } catch (error) {
      if (closed) return;
      if (now() - lastSuccessMs > staleAfterMs) latest = [];
      try {
        opts.onError(error);
      } catch {
        // A failing reporter must not stop the refresher (nor reject a promise nobody awaits).
      }
    }
  }

  function run(): void {
    inFlight = refresh().finally(() => {
      inFlight = undefined;
      if (!closed) timer = setTimeout(run, opts.intervalMs).unref();
    });
  }
  timer = setTimeout(run, 0).unref();

  return {
    /** The last successful reading (or none, once stale). */
    latest: () => latest,
    /** Stops refreshing; awaits a read in flight. */
    async close(): Promise<void> {
      closed = true;
      clearTimeout(timer);
      await inFlight;
      latest = [];
    },
  };
}
