/** One partition of a subscription's replay, as Subscription.caughtUp measures it. */
export interface CatchUpTarget {
  /** Topic as the adapter names it (the broker's name on Kafka). */
  readonly topic: string;
  readonly partition: number;
  /** The offset the subscription starts reading this partition at. */
  readonly start: number;
  /** The partition's end offset (high watermark) when the subscription started. */
  readonly end: number;
}

/**
 * Tracks Subscription.caughtUp from the subscription's own progress, without I/O. A partition
 * is pending until a message at or past `end - 1` is consumed (so its next offset reaches `end`);
 * one that starts at or past its end never is. Pending only shrinks, so once caught up the
 * subscription stays caught up.
 */
export function trackCatchUp(targets: Iterable<CatchUpTarget>) {
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const pending = new Map<string, number>();
  for (const t of targets) if (t.start < t.end) pending.set(key(t.topic, t.partition), t.end);
  return {
    /** Every message of the partition before `next` was handled or dead-lettered. */
    consumed(topic: string, partition: number, next: number): void {
      const k = key(topic, partition);
      const end = pending.get(k);
      if (end !== undefined && next >= end) pending.delete(k);
    },
    /**
     * Keeps only the partitions this member holds (a group join's assignment): one another
     * member of the group took is that member's to replay.
     */
    retain(assignment: Readonly<Record<string, readonly number[]>>): void {
      const held = new Set(Object.entries(assignment).flatMap(([t, ps]) => ps.map((p) => key(t, p))));
      for (const k of pending.keys()) if (!held.has(k)) pending.delete(k);
    },
    caughtUp: (): boolean => pending.size === 0,
  };
}

export type CatchUp = ReturnType<typeof trackCatchUp>;
