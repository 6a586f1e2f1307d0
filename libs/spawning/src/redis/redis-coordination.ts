import { outageAs, type RedisClient } from '@hunt/redis-connection';
import { Cluster } from 'ioredis';
import { CoordinationUnavailableError, type Lease, type LeaseStore, type RampStore } from '../ports';

// The key layout of every Redis user: `<prefix>:{<tag>}:<name>` (the deployment's bare
// REDIS_KEY_PREFIX, then a hash tag naming what one script touches together, as in
// libs/loot-store keys.ts). Here the tag is the shard: each lease script touches one shard's
// lease, fence and ramp, so on Redis Cluster it runs on the one node holding that slot.
// The replica set is one key (`<prefix>:spawner:replicas`), its MULTI within that key's slot.
const keys = (prefix: string, shard: string) => ({
  lease: `${prefix}:{s:${shard}}:lease`,
  fence: `${prefix}:{s:${shard}}:fence`,
  ramp: `${prefix}:{s:${shard}}:ramp`,
});

// The lease value is "<replica>|<token>"; the fence counter only ever grows.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
return token`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const FENCED_WRITE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], 'rate', ARGV[2], 'at', ARGV[3])
return 1`;

interface Scripts {
  spawnAcquire(lease: string, fence: string, holder: string, ttl: number): Promise<number | null>;
  spawnRenew(lease: string, holder: string, ttl: number): Promise<number>;
  spawnRelease(lease: string, holder: string): Promise<number>;
  spawnFencedWrite(lease: string, ramp: string, holder: string, rate: number, at: number): Promise<number>;
}

/**
 * Leases, live replicas and ramp state in Redis, under `<prefix>:` (the bare deployment prefix).
 * Every failure is a CoordinationUnavailableError.
 */
export function createRedisCoordination(redis: RedisClient, prefix: string): LeaseStore & RampStore {
  redis.defineCommand('spawnAcquire', { numberOfKeys: 2, lua: ACQUIRE });
  redis.defineCommand('spawnRenew', { numberOfKeys: 1, lua: RENEW });
  redis.defineCommand('spawnRelease', { numberOfKeys: 1, lua: RELEASE });
  redis.defineCommand('spawnFencedWrite', { numberOfKeys: 2, lua: FENCED_WRITE });
  const scripts = redis as unknown as Scripts;
  const replicasKey = `${prefix}:spawner:replicas`;
  const holder = (lease: Lease, replicaId: string) => `${replicaId}|${lease.token}`;
  const run = outageAs(CoordinationUnavailableError);
  const durable = durability(redis);

  return {
    acquire: (shard, replicaId, ttlMs) =>
      run('acquire lease', async () => {
        const k = keys(prefix, shard);
        const token = await durable(
          () => scripts.spawnAcquire(k.lease, k.fence, replicaId, ttlMs),
          (p) => p.spawnAcquire(k.lease, k.fence, replicaId, ttlMs),
          async (t) => {
            // Not on a replica yet: a failover could forget it and hand the shard to another
            // replica. Give it back (best effort; the TTL ends it otherwise) rather than spawn on it.
            if (t !== null) await scripts.spawnRelease(k.lease, `${replicaId}|${t}`).catch(() => {});
          },
        );
        return token === null ? undefined : { shard, token: Number(token) };
      }),
    renew: (lease, replicaId, ttlMs) =>
      run('renew lease', async () => {
        const key = keys(prefix, lease.shard).lease;
        const h = holder(lease, replicaId);
        const renewed = await durable(
          () => scripts.spawnRenew(key, h, ttlMs),
          (p) => p.spawnRenew(key, h, ttlMs),
          async () => {},
        );
        return renewed === 1;
      }),
    release: (lease, replicaId) =>
      run(
        'release lease',
        async () => void (await scripts.spawnRelease(keys(prefix, lease.shard).lease, holder(lease, replicaId))),
      ),
    heartbeat: (replicaId, ttlMs) =>
      run('heartbeat', async () => {
        const now = Date.now();
        const [, , live] = (await redis
          .multi()
          .zadd(replicasKey, now + ttlMs, replicaId)
          .zremrangebyscore(replicasKey, '-inf', now)
          .zrangebyscore(replicasKey, now, '+inf')
          .exec())!;
        return live![1] as string[];
      }),
    leave: (replicaId) => run('leave', async () => void (await redis.zrem(replicasKey, replicaId))),
    read: (shard) =>
      run('read ramp', async () => {
        const h = await redis.hgetall(keys(prefix, shard).ramp);
        return h['rate'] === undefined ? undefined : { ratePerS: Number(h['rate']), atMs: Number(h['at']) };
      }),
    write: (lease, replicaId, state) =>
      run('write ramp', async () => {
        const k = keys(prefix, lease.shard);
        return (
          (await scripts.spawnFencedWrite(k.lease, k.ramp, holder(lease, replicaId), state.ratePerS, state.atMs)) === 1
        );
      }),
  };
}

type Pipelined = Record<keyof Scripts, (...args: (string | number)[]) => Pipelined> & {
  call(...args: string[]): Pipelined;
  exec(): Promise<[Error | null, unknown][] | null>;
};

/**
 * On Redis Cluster a lease write counts only once a replica has it: replication is
 * asynchronous, so a primary that dies right after granting or renewing a lease may be replaced
 * by a replica that never saw it, which would then grant the shard to a second spawner while the
 * first still spawns. The write goes in one pipeline with WAIT 1 (100 ms) and ROLE on the
 * shard's node; not acknowledged by a replica while the primary has one, it is undone
 * (`undo`) and fails as an outage, so the lease keeper stops counting on it (validUntilMs runs
 * out) and retries. A primary without replicas cannot fail over, so its writes count as they
 * are. One Redis server has no failover of its own here: writes count as they are.
 */
function durability(redis: RedisClient) {
  return async <T>(
    plain: () => Promise<T>,
    pipelined: (p: Pipelined) => Pipelined,
    undo: (reply: T) => Promise<void>,
  ): Promise<T> => {
    if (!(redis instanceof Cluster)) return plain();
    const replies = await pipelined(redis.pipeline() as unknown as Pipelined)
      .call('WAIT', '1', '100')
      .call('ROLE')
      .exec();
    const [[writeErr, reply], [, acks], [, role]] = replies as [
      [Error | null, T],
      [Error | null, number],
      [Error | null, unknown[]],
    ];
    if (writeErr) throw writeErr;
    const replicas = Array.isArray(role) && Array.isArray(role[2]) ? role[2].length : 0;
    if (Number(acks) >= 1 || replicas === 0) return reply;
    await undo(reply);
    throw new CoordinationUnavailableError(
      'redis: lease write not on a replica within 100 ms (failover would forget it)',
    );
  };
}
