import Fastify, { type FastifyInstance } from 'fastify';
import { opsRoutes, type OpsRoutesOptions } from './ops-routes';

/**
 * The HTTP side of a service without a player-facing API: ops routes only, every response
 * stamped with the running config version. Built, never listening: main.ts listens.
 */
export async function buildOpsApp(opts: OpsRoutesOptions & { configVersion: number }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-config-version', String(opts.configVersion));
  });
  await app.register(opsRoutes, opts);
  return app;
}
