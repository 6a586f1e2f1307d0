import { Redis } from 'ioredis';

/**
 * A Redis connection that fails fast instead of hanging: no offline queue (a command while
 * disconnected fails at once), one retry, a per-command timeout, and reconnection with capped
 * backoff forever, so the service recovers by itself when Redis returns.
 */
export function connectRedis(url: string, onError: (error: Error) => void, commandTimeoutMs = 1000): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
    lazyConnect: false,
  });
  redis.on('error', onError);
  return redis;
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export function waitReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis: not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
