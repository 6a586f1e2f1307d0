/**
 * Group commit for an idempotent producer: kafkajs idempotence needs maxInFlightRequests = 1,
 * so one send at a time; messages published while a send is in flight wait and go together in
 * the next one. Throughput then scales with load instead of being capped at 1 / broker RTT.
 */
export function createGroupCommit<M>(send: (batch: M[]) => Promise<void>) {
  let queue: { message: M; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
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
