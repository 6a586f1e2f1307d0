import { randomUUID } from 'node:crypto';
import { opsRoutes, type ReadinessCheck } from '@hunt/service-kit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Registry } from 'prom-client';
import { installErrorHandling } from './http/error-handler';
import { buildOpenApi } from './http/openapi';
import { zodSerializerCompiler, zodValidatorCompiler } from './http/zod-provider';
import { createHuntMetrics } from './metrics';
import type { HuntRouteDeps } from './routes/deps';
import { v1Routes } from './routes/v1';

export interface HuntAppDeps extends HuntRouteDeps {
  readonly registry: Registry;
  readonly readiness?: readonly ReadinessCheck[];
  /** Where unexpected errors (answered as HUNT_ERR_INTERNAL) are reported, with the request id. */
  readonly logError?: (error: unknown, requestId: string) => void;
}

/**
 * The player-facing HTTP app: /v1 routes, /openapi.json, and the ops routes. Built here, never
 * listening (the caller listens); tests drive it with `app.inject()`. Every response, errors
 * included, carries the running config version.
 */
export async function buildHuntApp(deps: HuntAppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, requestIdHeader: 'x-request-id', genReqId: () => randomUUID() });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  const version = String(deps.loaded.version);
  // Every response names its request (a client's x-request-id is kept, else one is made) and
  // the running config version, errors included; unexpected errors are logged with the id.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-config-version', version);
    reply.header('x-request-id', req.id);
    done();
  });
  const metrics = createHuntMetrics(deps.registry);
  app.addHook('onResponse', (req, reply, done) => {
    metrics.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  installErrorHandling(app, deps.logError ?? (() => {}), () => routes);
  await app.register(opsRoutes, { registry: deps.registry, readiness: deps.readiness ?? [] });
  await app.register(v1Routes, { ...deps, metrics });
  let openapi: string | undefined;
  app.get('/openapi.json', async (_req, reply) => {
    reply.type('application/json');
    return (openapi ??= JSON.stringify(buildOpenApi(routes, { version })));
  });
  return app;
}
