import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';

/** A named readiness check; it resolves true when the dependency serves. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean> | boolean;
}

export interface OpsRoutesOptions {
  registry: Registry;
  readiness: readonly ReadinessCheck[];
}

/**
 * `/metrics` (Prometheus text), `/healthz` (liveness: the process answers) and `/readyz`
 * (every readiness check passes; 503 naming the failing ones otherwise). A check that throws
 * counts as failing: readiness must never turn into a 500.
 */
export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = async (app, { registry, readiness }) => {
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const results = await Promise.all(
      readiness.map(async (c) => [c.name, await Promise.resolve(c.check()).catch(() => false)] as const),
    );
    const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'failing']));
    const ready = results.every(([, ok]) => ok);
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not-ready', checks };
  });
};
