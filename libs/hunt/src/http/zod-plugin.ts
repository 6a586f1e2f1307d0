import type { FastifyPluginAsync, FastifyPluginOptions, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from './zod-provider';

/** A Fastify plugin whose routes are typed by their zod schemas. */
export type FastifyPluginAsyncZod<Options extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsync<
  Options,
  RawServerDefault,
  ZodTypeProvider
>;
