import { Redis } from 'ioredis';

/**
 * libs/redis-connection: the one way services connect to Redis.
 *
 * A connection that fails fast instead of hanging: no offline queue (a command while
 * disconnected fails at once), one retry, a per-command timeout, and reconnection with capped
 * backoff forever, so the service recovers by itself when Redis returns. `autoPipelining`
 * batches commands issued in the same tick (the loot store's claim path).
 */
export function connectRedis(
  url: string,
  onError: (error: Error) => void,
  opts: { commandTimeoutMs?: number; autoPipelining?: boolean } = {},
): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: opts.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    enableAutoPipelining: opts.autoPipelining ?? false,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
  });
  redis.on('error', onError);
  return redis;
}

/**
 * Resolves once the connection is ready, or rejects after `timeoutMs` with the error that
 * `unreachable` makes (default: a plain Error), so each adapter can raise its own kind.
 */
export function waitReady(
  redis: Redis,
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
