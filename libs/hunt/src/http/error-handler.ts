import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ApiError, RETRY_AFTER_S } from './errors';
import { RequestValidationError } from './zod-provider';

/** Seconds before a rate-limited client may retry: the read limit is per second. */
const RATE_LIMIT_RETRY_AFTER_S = 1;

function send(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.status === 503) reply.header('retry-after', String(RETRY_AFTER_S));
  if (error.status === 429) reply.header('retry-after', String(RATE_LIMIT_RETRY_AFTER_S));
  return reply.code(error.status).send(error.toBody());
}

/** A route's path as a pattern over concrete URLs (`:id` matches one segment), compiled once. */
const patterns = new Map<string, RegExp>();
function pathPattern(url: string): RegExp {
  let pattern = patterns.get(url);
  if (!pattern) {
    const escaped = url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+');
    patterns.set(url, (pattern = new RegExp(`^${escaped}$`)));
  }
  return pattern;
}

/**
 * Renders every failure in the one error shape. Client errors Fastify raises itself (malformed
 * JSON, unsupported content type) become HUNT_ERR_INVALID_ARGUMENT naming the part; a body over
 * the limit is a 413 naming it; a method a route does not declare is a 405 with `Allow`;
 * anything unexpected is logged with the request id and answered as HUNT_ERR_INTERNAL without
 * details. `routes` lists the app's routes (method and path), for the 405's Allow.
 */
export function installErrorHandling(
  app: FastifyInstance,
  log: (err: unknown, requestId: string) => void,
  routes: () => readonly { method: string | string[]; url: string }[],
): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof ApiError) return send(reply, error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = app.initialConfig.bodyLimit ?? 1024 * 1024;
      return send(reply, new ApiError('payload-too-large', `the body is over the limit of ${limit} bytes`, 'body'));
    }
    if (error instanceof RequestValidationError) {
      return send(reply, new ApiError('invalid', error.message, error.field));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const field = error.code?.startsWith('FST_ERR_CTP') ? 'body' : undefined;
      return send(reply, new ApiError('invalid', error.message, field));
    }
    log(error, req.id);
    return send(reply, new ApiError('internal'));
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = routes()
      .filter((r) => pathPattern(r.url).test(path))
      .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]));
    if (allowed.length > 0) {
      reply.header('allow', [...new Set(allowed)].sort().join(', '));
      return send(
        reply,
        new ApiError('method-not-allowed', `${req.method} ${path}: allowed ${[...new Set(allowed)].sort().join(', ')}`),
      );
    }
    return send(reply, new ApiError('route-not-found', `no route ${req.method} ${path}`));
  });
}
