import {
  ResponderBuilder,
  ServerInterceptingCall,
  ServerListenerBuilder,
  type Metadata,
  type ServerInterceptor,
} from '@grpc/grpc-js';
import { MIN_SERVICE_TOKEN_BYTES, SERVICE_TOKEN_METADATA_KEY } from '@hunt/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { lootError } from './loot-error';

/** Why a call was refused: no single bearer token in its metadata, or a token that is not ours. */
export type TokenRefusal = 'missing' | 'wrong';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The in-band guard of hunt.loot.v1 (contracts' service-token.ts): a server interceptor that
 * lets a call reach its handler only when its metadata carries `authorization: Bearer <token>`.
 * It judges the metadata before the request message is read, and compares SHA-256 digests in
 * constant time, so neither a token's length nor its prefix shows in the timing. A refused call
 * ends UNAUTHENTICATED with ErrorInfo reason HUNT_ERR_UNAUTHENTICATED (metadata `token`: the
 * refusal) and is reported to `onRefused` (counted; never logged with the presented value).
 * @throws Error when `token` is shorter than MIN_SERVICE_TOKEN_BYTES (the app's environment
 * schema refuses such a value before this is reached).
 */
export function serviceTokenGuard(opts: { token: string; onRefused: (why: TokenRefusal) => void }): ServerInterceptor {
  if (Buffer.byteLength(opts.token, 'utf8') < MIN_SERVICE_TOKEN_BYTES) {
    throw new Error(`serviceTokenGuard: the service token must be at least ${MIN_SERVICE_TOKEN_BYTES} bytes`);
  }
  const expected = sha256(opts.token);
  const refusal = (metadata: Metadata): TokenRefusal | undefined => {
    const values = metadata.get(SERVICE_TOKEN_METADATA_KEY);
    const bearer = values.length === 1 ? /^Bearer (\S+)$/i.exec(String(values[0])) : null;
    if (!bearer) return 'missing';
    return timingSafeEqual(sha256(bearer[1]!), expected) ? undefined : 'wrong';
  };
  return (_method, call) =>
    new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) =>
          next(
            new ServerListenerBuilder()
              .withOnReceiveMetadata((metadata, accept) => {
                const why = refusal(metadata);
                if (why === undefined) return accept(metadata);
                opts.onRefused(why);
                call.sendStatus(lootError('unauthenticated', undefined, { token: why }));
              })
              .build(),
          ),
        )
        .build(),
    );
}
