import type { FastifyError, FastifyInstance, FastifyReply, FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, RETRY_AFTER_S } from './errors';

/**
 * A 503 may be retried after RETRY_AFTER_S; a 429 when its limit's window ends (the
 * RateLimit-Reset the rate-limit hooks set; the read limit's second when there is none).
 */
function send(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.status === 503) reply.header('retry-after', String(RETRY_AFTER_S));
  if (error.status === 429) reply.header('retry-after', String(reply.getHeader('ratelimit-reset') ?? 1));
  return reply.code(error.status).send(error.toBody());
}

/**
 * The request field a schema failure is about: the key path of its first issue (an unknown key
 * is named by the key itself), or the request part (`body`, `querystring`) when the part as a
 * whole is wrong. The message leads with it: `lat: must be within -90..90`.
 */
function invalidField(error: {
  validation: readonly FastifySchemaValidationError[];
  validationContext?: string | undefined;
}): ApiError {
  const issue = error.validation[0]!;
  const keys = issue.params['keys'];
  const path = issue.instancePath.split('/').filter(Boolean);
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) path.push(String(keys[0]));
  const field = path.length > 0 ? path.join('.') : (error.validationContext ?? 'body');
  return new ApiError('invalid', `${field}: ${issue.message}`, field);
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
    if (hasZodFastifySchemaValidationErrors(error)) return send(reply, invalidField(error));
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
