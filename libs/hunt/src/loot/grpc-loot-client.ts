import {
  credentials,
  loadPackageDefinition,
  status,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { errorInfoOf, loadProto, LOOT_ERROR_DOMAIN, PROTO_FILES, serviceTokenInterceptor } from '@hunt/contracts';
import { ApiError, kindOfCode } from '../http/errors';
import type { LootPort } from './loot-port';

type Unary = (
  req: unknown,
  options: { deadline: number },
  cb: (err: ServiceError | null, res?: unknown) => void,
) => void;

/** Statuses that mean "the loot-service did not answer": safe to retry, a 503 to the player. */
const UNAVAILABLE = new Set([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED]);

/**
 * Maps a loot gRPC error to the API registry by the HUNT_ERR_* reason of its google.rpc.ErrorInfo
 * (domain loot.hunt); unknown failures are internal. A refused service token is the deployment's
 * fault, not the player's: internal (500, logged with its cause), never the player's 401.
 */
export function apiErrorOf(error: ServiceError): ApiError {
  if (error.code === status.UNAUTHENTICATED) return new ApiError('internal', undefined, undefined, { cause: error });
  const info = errorInfoOf(error.metadata);
  const kind = info?.domain === LOOT_ERROR_DOMAIN ? kindOfCode(info.reason) : undefined;
  if (kind === 'unavailable' || (kind === undefined && UNAVAILABLE.has(error.code))) {
    return new ApiError('unavailable', undefined, undefined, { cause: error });
  }
  if (kind === undefined) return new ApiError('internal', undefined, undefined, { cause: error });
  // Only an invalid argument's message names a field worth showing; other codes keep their registry text.
  const detail = error.details;
  return kind === 'invalid'
    ? new ApiError(kind, detail || undefined, detail?.split(':')[0], { cause: error })
    : new ApiError(kind, undefined, undefined, { cause: error });
}

/**
 * The production hunt.loot.v1 client. Every call carries a deadline (default 1 s) and does not
 * wait for a connection (grpc-js fails fast with UNAVAILABLE while the service is down), so a
 * dead loot-service is a quick 503, never a hang; the channel reconnects by itself. Every call
 * carries `serviceToken` (the loot-service's LOOT_SERVICE_TOKEN); a call the loot-service refuses
 * for it is also reported to `onTokenRefused` (the tokens differ: the operators must know).
 */
export function createGrpcLootClient(opts: {
  address: string;
  serviceToken: string;
  deadlineMs?: number;
  onTokenRefused?: (error: ServiceError) => void;
}): LootPort {
  const pkg = loadPackageDefinition(loadProto(PROTO_FILES.loot)) as unknown as {
    hunt: { loot: { v1: { LootService: ServiceClientConstructor } } };
  };
  const client = new pkg.hunt.loot.v1.LootService(opts.address, credentials.createInsecure(), {
    interceptors: [serviceTokenInterceptor(opts.serviceToken)],
  }) as Client & Record<string, Unary>;
  const deadlineMs = opts.deadlineMs ?? 1000;
  const failed = (err: ServiceError) => {
    if (err.code === status.UNAUTHENTICATED) opts.onTokenRefused?.(err);
    return apiErrorOf(err);
  };
  const call = <Res>(method: string, request: unknown) =>
    new Promise<Res>((resolve, reject) =>
      client[method]!.call(client, request, { deadline: Date.now() + deadlineMs }, (err, res) =>
        err ? reject(failed(err)) : resolve(res as Res),
      ),
    );
  return {
    claim: (request) => call('Claim', request),
    getPlayer: (playerId) => call('GetPlayer', { player_id: playerId }),
    getLeaderboard: (seasonId, limit) => call('GetLeaderboard', { season_id: seasonId, limit }),
    close: () => client.close(),
  };
}
