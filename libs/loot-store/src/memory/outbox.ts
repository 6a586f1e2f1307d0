import type { AwardOutbox, OutboxEntry } from '../port';

/**
 * The embedded award outbox: entries in append order, each with the consumer holding it and
 * since when, mirroring the Redis stream's consumer group (see AwardOutbox.read).
 */
export function createInMemoryOutbox(clock: () => number = Date.now): AwardOutbox & {
  append(entry: Omit<OutboxEntry, 'id'>): void;
} {
  const entries = new Map<string, { entry: OutboxEntry; owner?: string; deliveredAt: number }>();
  let seq = 0;
  return {
    append(entry) {
      const id = `${++seq}`;
      entries.set(id, { entry: { id, ...entry }, deliveredAt: 0 });
    },

    async read({ consumer, limit, reclaimIdleMs }) {
      const all = [...entries.values()];
      const own = all.filter((e) => e.owner === consumer);
      const abandoned = all.filter(
        (e) => e.owner !== undefined && e.owner !== consumer && clock() - e.deliveredAt >= reclaimIdleMs,
      );
      const picked = (own.length > 0 ? own : abandoned.length > 0 ? abandoned : all.filter((e) => !e.owner)).slice(
        0,
        limit,
      );
      for (const e of picked) Object.assign(e, { owner: consumer, deliveredAt: clock() });
      return picked.map((e) => e.entry);
    },

    async ack(ids) {
      for (const id of ids) entries.delete(id);
    },

    async stats() {
      const first = entries.values().next().value;
      return { depth: entries.size, oldestAppendedAtMs: first ? first.entry.appendedAtMs : null };
    },
  };
}
