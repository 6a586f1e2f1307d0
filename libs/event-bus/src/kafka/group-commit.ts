/**
 * Group commit for an idempotent producer: kafkajs idempotence needs maxInFlightRequests = 1,
 * so one send at a time; messages published while a send is in flight wait and go together in
 * the next one. Throughput then scales with load instead of being capped at 1 / broker RTT.
 * This is the only batching on the publish path: callers publish one message at a time and bound
 * what they have in flight themselves (the spawner's publish buffer, the award relay's reads).
 * A send carries at most `maxWeight` (by `weigh`, e.g. bytes): an unbounded batch would
 * exceed the broker's request limit (message.max.bytes, 1 MiB by default) and fail forever.
 */
export function createGroupCommit<M>(
  send: (batch: M[]) => Promise<void>,
  limits: { maxWeight: number; weigh: (message: M) => number } = { maxWeight: 1000, weigh: () => 1 },
) {
  let queue: { message: M; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running: Promise<void> | undefined;

  /** Takes the oldest messages up to the weight limit (always at least one). */
  function nextBatch() {
    let weight = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || weight + limits.weigh(queue[n]!.message) <= limits.maxWeight)) {
      weight += limits.weigh(queue[n]!.message);
      n++;
    }
    const batch = queue.slice(0, n);
    queue = queue.slice(n);
    return batch;
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = nextBatch();
      try {
        await send(batch.map((b) => b.message));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    running = undefined;
  }

  return {
    push(message: M): Promise<void> {
      const done = new Promise<void>((resolve, reject) => queue.push({ message, resolve, reject }));
      running ??= drain();
      return done;
    },
    /** Resolves once everything pushed so far has been sent (or failed). */
    async flush(): Promise<void> {
      while (running) await running;
    },
  };
}
