import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ApiError, RETRY_AFTER_S } from './errors';
import { RequestValidationError } from './zod-provider';

function send(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.status === 503) reply.header('retry-after', String(RETRY_AFTER_S));
  return reply.code(error.status).send(error.toBody());
}

/**
 * Renders every failure in the one error shape. Client errors Fastify raises itself (malformed
 * JSON, unsupported content type, oversized body) become HUNT_ERR_INVALID_ARGUMENT naming the
 * part; anything unexpected is logged and answered as HUNT_ERR_INTERNAL without details.
 */
export function installErrorHandling(app: FastifyInstance, log: (err: unknown) => void): void {
  app.setErrorHandler((error: FastifyError, _req, reply) => {
    if (error instanceof ApiError) return send(reply, error);
    if (error instanceof RequestValidationError) {
      return send(reply, new ApiError('invalid', error.message, error.field));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const field = error.code?.startsWith('FST_ERR_CTP') ? 'body' : undefined;
      return send(reply, new ApiError('invalid', error.message, field));
    }
    log(error);
    return send(reply, new ApiError('internal'));
  });
  app.setNotFoundHandler((req, reply) =>
    send(reply, new ApiError('route-not-found', `no route ${req.method} ${req.url.split('?')[0]}`)),
  );
}
