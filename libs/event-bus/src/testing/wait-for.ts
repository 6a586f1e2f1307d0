/**
 * Polls `condition` until it returns a truthy value (returned) or `timeoutMs` passes (throws
 * naming `what`), checking every `intervalMs`. Tests wait for conditions, never for fixed times.
 */
export async function waitFor<T>(
  what: string,
  condition: () => T | Promise<T>,
  timeoutMs = 15_000,
  intervalMs = 10,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A name unique to this test run (topics, key prefixes, consumer groups). */
export const uniqueName = (base: string) =>
  `${base}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Reads the integration servers from the environment, failing loudly (never skipping) without them. */
export function requireInfraEnv(): { redisUrl: string; kafkaBrokers: string[] } {
  const redisUrl = process.env['REDIS_URL'];
  const brokers = process.env['KAFKA_BROKERS'];
  if (!redisUrl || !brokers) {
    throw new Error(
      'integration tests need REDIS_URL and KAFKA_BROKERS: run them with `npm test`, or `npm run -s infra -- up` and export both variables it prints',
    );
  }
  return { redisUrl, kafkaBrokers: brokers.split(',') };
}
