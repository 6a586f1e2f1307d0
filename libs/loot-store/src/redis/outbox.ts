import type { Redis } from 'ioredis';
import type { AwardOutbox, OutboxEntry } from '../port';
import { OUTBOX_GROUP } from './keys';

interface OutboxScripts {
  lootOutboxRead(key: string, ...args: string[]): Promise<[string, ...(string | string[])[]]>;
  lootOutboxAck(key: string, ...args: string[]): Promise<number>;
}

/**
 * The award outbox on a Redis stream with one consumer group (scripts OUTBOX_READ, OUTBOX_ACK
 * defined by the store). `run` maps driver errors to StoreUnavailableError.
 */
export function createRedisOutbox(
  redis: Redis,
  key: string,
  run: <T>(what: string, op: () => Promise<T>) => Promise<T>,
): AwardOutbox {
  const scripts = redis as unknown as OutboxScripts;
  const cursors = new Map<string, string>(); // consumer -> XAUTOCLAIM cursor, so a long pending list is walked
  return {
    read: ({ consumer, limit, reclaimIdleMs }) =>
      run('outbox read', async () => {
        const cursor = cursors.get(consumer) ?? '0-0';
        const [next, ...flat] = await scripts.lootOutboxRead(
          key,
          OUTBOX_GROUP,
          consumer,
          String(limit),
          String(reclaimIdleMs),
          cursor,
        );
        cursors.set(consumer, next);
        const entries: OutboxEntry[] = [];
        for (let i = 0; i < flat.length; i += 2) entries.push(toEntry(flat[i] as string, flat[i + 1] as string[]));
        return entries;
      }),

    ack: (ids) =>
      run('outbox ack', async () => {
        if (ids.length > 0) await scripts.lootOutboxAck(key, OUTBOX_GROUP, ...ids);
      }),

    stats: () =>
      run('outbox stats', async () => {
        const [depth, oldest] = await Promise.all([redis.xlen(key), redis.xrange(key, '-', '+', 'COUNT', 1)]);
        const first = oldest[0];
        return { depth, oldestAppendedAtMs: first ? Number(fieldsOf(first[1])['at']) : null };
      }),
  };
}

function fieldsOf(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

function toEntry(id: string, flat: string[]): OutboxEntry {
  const f = fieldsOf(flat);
  return {
    id,
    shardId: f['shard']!,
    event: f['event']!,
    configVersion: Number(f['v']),
    appendedAtMs: Number(f['at']),
  };
}
