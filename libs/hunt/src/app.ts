import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { opsRoutes, type ReadinessCheck } from '@hunt/service-kit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { installErrorHandling } from './http/error-handler';
import { huntOpenApi } from './http/openapi';
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
 * The player-facing HTTP app: /v1 routes, their OpenAPI document at /openapi.json (Swagger UI
 * at /docs), and the ops routes. Built here, never listening (the caller listens); tests drive
 * it with `app.inject()`. Requests are validated and responses serialised by their zod schemas
 * (fastify-type-provider-zod: no coercion beyond what a schema says). Every response, errors
 * included, carries the running config version.
 */
export async function buildHuntApp(deps: HuntAppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, requestIdHeader: 'x-request-id', genReqId: () => randomUUID() });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
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
  await app.register(swagger, huntOpenApi({ version }));
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(opsRoutes, { registry: deps.registry, readiness: deps.readiness ?? [] });
  await app.register(v1Routes, { ...deps, metrics });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
