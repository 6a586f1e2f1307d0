import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';

/**
 * The per-call service token of hunt.loot.v1 (LOOT_SERVICE_TOKEN, the same value on the
 * loot-service and its callers): every call carries it in the `authorization` metadata as
 * `Bearer <token>`; the loot-service refuses a call without it UNAUTHENTICATED. It guards the
 * gRPC port where no NetworkPolicy does. config.v1, health and reflection need no token.
 */
export const SERVICE_TOKEN_METADATA_KEY = 'authorization';

/** The shortest LOOT_SERVICE_TOKEN accepted: 256 bits of a random token, base64 or hex. */
export const MIN_SERVICE_TOKEN_BYTES = 32;

/** A grpc-js client interceptor that adds the service token to every call of the client. */
export function serviceTokenInterceptor(token: string): Interceptor {
  const value = `Bearer ${token}`;
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set(SERVICE_TOKEN_METADATA_KEY, value);
        next(metadata, listener);
      },
    });
}
