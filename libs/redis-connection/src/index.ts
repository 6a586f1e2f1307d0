import { Cluster, Redis } from 'ioredis';
import { parseRedisTarget } from './redis-target';

export { parseRedisTarget, type RedisTarget } from './redis-target';

/**
 * A connection to one Redis server or to a Redis Cluster. Both speak the same commands; on a
 * cluster a script or MULTI may only touch keys of one hash slot (see each store's key layout).
 */
export type RedisClient = Redis | Cluster;

const backoff = (times: number) => Math.min(50 * 2 ** times, 1000);

/**
 * libs/redis-connection: the one way services connect to Redis; `url` is REDIS_URL
 * (parseRedisTarget: one server or a cluster's seed nodes).
 *
 * A connection that fails fast instead of hanging: no offline queue (a command while
 * disconnected fails at once), one retry, a per-command timeout, and reconnection with capped
 * backoff forever, so the service recovers by itself when Redis returns. On a cluster, a command
 * whose node went away is retried on the slot's new owner for at most ~1.6 s (16 redirections,
 * 100 ms apart) while a replica takes over, then fails like any outage. `autoPipelining`
 * batches commands issued in the same tick (per node on a cluster; the loot store's claim path).
 */
export function connectRedis(
  url: string,
  onError: (error: Error) => void,
  opts: { commandTimeoutMs?: number; autoPipelining?: boolean } = {},
): RedisClient {
  const target = parseRedisTarget(url);
  const perNode = {
    maxRetriesPerRequest: 1,
    commandTimeout: opts.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
  };
  const redis =
    target.kind === 'single'
      ? new Redis(url, {
          ...perNode,
          enableOfflineQueue: false,
          enableAutoPipelining: opts.autoPipelining ?? false,
          retryStrategy: backoff,
        })
      : new Cluster(
          target.nodes.map((n) => ({ ...n })),
          {
            enableOfflineQueue: false,
            enableAutoPipelining: opts.autoPipelining ?? false,
            clusterRetryStrategy: backoff,
            maxRedirections: 16,
            retryDelayOnFailover: 100,
            retryDelayOnClusterDown: 100,
            retryDelayOnTryAgain: 100,
            slotsRefreshTimeout: 1000,
            // Topology is re-read on every MOVED anyway; the interval catches a failover that moved
            // slots of a node this process was not talking to.
            slotsRefreshInterval: 2000,
            redisOptions: {
              ...perNode,
              ...(target.username ? { username: target.username } : {}),
              ...(target.password ? { password: target.password } : {}),
              ...(target.tls ? { tls: {} } : {}),
            },
          },
        );
  redis.on('error', onError);
  return redis;
}

/**
 * Resolves once the connection is ready, or rejects after `timeoutMs` with the error that
 * `unreachable` makes (default: a plain Error), so each adapter can raise its own kind.
 */
export function waitReady(
  redis: RedisClient,
  timeoutMs: number,
  unreachable: (message: string) => Error = (message) => new Error(message),
): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(unreachable(`redis: not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/**
 * A runner for an adapter's Redis calls: an outage (no connection, a timeout) becomes the
 * adapter's own "unavailable" error, which callers treat as retryable; a ReplyError (a script or
 * command bug) is rethrown as it is, because retrying would never help.
 */
export function outageAs(unavailable: new (message: string, options?: { cause?: unknown }) => Error) {
  return async <T>(what: string, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (error) {
      if ((error as Error).name === 'ReplyError') throw error;
      throw new unavailable(`redis: ${what} failed: ${(error as Error).message}`, { cause: error });
    }
  };
}

/**
 * Closes a connection: QUIT (pending replies arrive first), and after `graceMs` at the latest a
 * hard disconnect. Always resolves. QUIT alone can wait forever on a Redis Cluster client
 * whose node went away and came back (and its slot-refresh timer keeps the process alive).
 */
export async function closeRedis(client: RedisClient, graceMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.quit().catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
  ]);
  clearTimeout(timer);
  client.disconnect();
}
