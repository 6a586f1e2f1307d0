import type { RedisClient } from '@hunt/redis-connection';
import type { AwardOutbox, OutboxEntry } from '../port';
import { OUTBOX_BUCKETS, OUTBOX_GROUP } from './keys';

interface OutboxScripts {
  lootOutboxRead(key: string, ...args: string[]): Promise<[string, number, ...(string | string[])[]]>;
  lootOutboxAck(key: string, ...args: string[]): Promise<number>;
}

/**
 * A bucket's streams are read when this process appended to it or saw entries in it, and every
 * bucket at least this often: so another replica's leftovers (it crashed, or its relay is
 * stuck) are found and, after reclaimIdleMs, taken over, without reading 64 streams per poll.
 */
const SWEEP_INTERVAL_MS = 1000;

export interface RedisOutbox {
  readonly outbox: AwardOutbox;
  /** The claim step appended to this bucket's stream: read it at the next poll. */
  appended(bucket: number): void;
}

/**
 * The award outbox on OUTBOX_BUCKETS Redis streams (one per bucket, keys.ts) with one consumer
 * group each (scripts OUTBOX_READ, OUTBOX_ACK defined by the store). A read merges the buckets'
 * entries oldest claim first; entries it read but did not return stay pending for the consumer
 * and come back first next time. `completeEffects` runs for each returned entry that carries
 * `fx` (a cluster claim's player effects, idempotent) before it is returned, so effects a claim
 * could not apply are applied before its award is published. `run` maps driver errors to
 * StoreUnavailableError.
 */
export function createRedisOutbox(opts: {
  redis: RedisClient;
  key: (bucket: number) => string;
  run: <T>(what: string, op: () => Promise<T>) => Promise<T>;
  completeEffects?: (fx: string) => Promise<void>;
  now?: () => number;
}): RedisOutbox {
  const { key, run } = opts;
  const now = opts.now ?? Date.now;
  const scripts = opts.redis as unknown as OutboxScripts;
  const all = Array.from({ length: OUTBOX_BUCKETS }, (_, b) => b);
  const active = new Set<number>(); // buckets whose stream was not empty when last seen
  const cursors = new Map<string, string>(); // consumer/bucket -> XAUTOCLAIM cursor
  let lastSweepMs = -Infinity;

  async function readBucket(bucket: number, consumer: string, limit: number, reclaimIdleMs: number) {
    const at = `${consumer}/${bucket}`;
    const [next, length, ...flat] = await scripts.lootOutboxRead(
      key(bucket),
      OUTBOX_GROUP,
      consumer,
      String(limit),
      String(reclaimIdleMs),
      cursors.get(at) ?? '0-0',
    );
    cursors.set(at, next);
    if (Number(length) > 0) active.add(bucket);
    else active.delete(bucket);
    const entries: (OutboxEntry & { fx?: string })[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push(toEntry(bucket, flat[i] as string, flat[i + 1] as string[]));
    return entries;
  }

  return {
    appended: (bucket) => void active.add(bucket),
    outbox: {
      read: ({ consumer, limit, reclaimIdleMs }) =>
        run('outbox read', async () => {
          const sweep = now() - lastSweepMs >= SWEEP_INTERVAL_MS;
          if (sweep) lastSweepMs = now();
          const buckets = sweep ? all : [...active];
          const found = (await Promise.all(buckets.map((b) => readBucket(b, consumer, limit, reclaimIdleMs)))).flat();
          found.sort((a, b) => a.appendedAtMs - b.appendedAtMs || (a.id < b.id ? -1 : 1));
          const taken = found.slice(0, limit);
          if (opts.completeEffects)
            await Promise.all(taken.flatMap((e) => (e.fx ? [opts.completeEffects!(e.fx)] : [])));
          return taken.map(({ fx: _, ...entry }) => entry);
        }),

      ack: (ids) =>
        run('outbox ack', async () => {
          const byBucket = new Map<number, string[]>();
          for (const id of ids) {
            const [bucket, streamId] = parseId(id);
            if (bucket === null) continue; // not one of ours: unknown ids are ignored
            byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), streamId]);
          }
          await Promise.all([...byBucket].map(([b, sids]) => scripts.lootOutboxAck(key(b), OUTBOX_GROUP, ...sids)));
        }),

      stats: () =>
        run('outbox stats', async () => {
          const perBucket = await Promise.all(
            all.map(async (b) => {
              const depth = await opts.redis.xlen(key(b));
              if (depth === 0) return { depth, oldestAppendedAtMs: null };
              const [oldest] = await opts.redis.xrange(key(b), '-', '+', 'COUNT', 1);
              return { depth, oldestAppendedAtMs: oldest ? Number(fieldsOf(oldest[1])['at']) : null };
            }),
          );
          const oldest = perBucket.flatMap((s) => (s.oldestAppendedAtMs === null ? [] : [s.oldestAppendedAtMs]));
          return {
            depth: perBucket.reduce((n, s) => n + s.depth, 0),
            oldestAppendedAtMs: oldest.length > 0 ? Math.min(...oldest) : null,
          };
        }),
    },
  };
}

/** Entry ids are `<bucket>/<stream id>`. */
function parseId(id: string): [number | null, string] {
  const slash = id.indexOf('/');
  const bucket = Number(id.slice(0, slash));
  return Number.isInteger(bucket) && bucket >= 0 && bucket < OUTBOX_BUCKETS
    ? [bucket, id.slice(slash + 1)]
    : [null, id];
}

function fieldsOf(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

function toEntry(bucket: number, id: string, flat: string[]): OutboxEntry & { fx?: string } {
  const f = fieldsOf(flat);
  return {
    id: `${bucket}/${id}`,
    shardId: f['shard']!,
    event: f['event']!,
    configVersion: Number(f['v']),
    appendedAtMs: Number(f['at']),
    ...(f['fx'] ? { fx: f['fx'] } : {}),
  };
}
