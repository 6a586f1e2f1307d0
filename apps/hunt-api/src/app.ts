import { opsRoutes, type ReadinessCheck } from '@hunt/service-kit';
import type { LoadedConfig } from '@hunt/static-config';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface AppDeps {
  loaded: LoadedConfig;
  registry: Registry;
  readiness?: readonly ReadinessCheck[];
}

/**
 * The player-facing HTTP app. Built here, never listening (main.ts listens); tests drive it
 * with `app.inject()`. Every response carries the running config version.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-config-version', String(deps.loaded.version));
  });
  await app.register(opsRoutes, { registry: deps.registry, readiness: deps.readiness ?? [] });
  return app;
}
