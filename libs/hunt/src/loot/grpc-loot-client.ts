import {
  credentials,
  loadPackageDefinition,
  status,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, loadProto, PROTO_FILES } from '@hunt/contracts';
import { ApiError, kindOfCode } from '../http/errors';
import type { LootPort } from './loot-port';

type Unary = (
  req: unknown,
  options: { deadline: number },
  cb: (err: ServiceError | null, res?: unknown) => void,
) => void;

/** Statuses that mean "the loot-service did not answer": safe to retry, a 503 to the player. */
const UNAVAILABLE = new Set([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED]);

/** Maps a loot gRPC error to the API registry by its HUNT_ERR_* code; unknown failures are internal. */
export function apiErrorOf(error: ServiceError): ApiError {
  const code = error.metadata?.get(ERROR_CODE_METADATA_KEY)[0]?.toString() ?? error.details?.split(':')[0];
  const kind = kindOfCode(code);
  if (kind === 'unavailable' || (kind === undefined && UNAVAILABLE.has(error.code))) {
    return new ApiError('unavailable', undefined, undefined, { cause: error });
  }
  if (kind === undefined) return new ApiError('internal', undefined, undefined, { cause: error });
  const detail = error.details?.slice((code?.length ?? 0) + 2);
  // Only an invalid argument's detail names a field worth showing; other codes keep their registry text.
  return kind === 'invalid'
    ? new ApiError(kind, detail || undefined, detail?.split(':')[0], { cause: error })
    : new ApiError(kind, undefined, undefined, { cause: error });
}

/**
 * The production hunt.loot.v1 client. Every call carries a deadline (default 1 s) and does not
 * wait for a connection (grpc-js fails fast with UNAVAILABLE while the service is down), so a
 * dead loot-service is a quick 503, never a hang; the channel reconnects by itself.
 */
export function createGrpcLootClient(opts: { address: string; deadlineMs?: number }): LootPort {
  const pkg = loadPackageDefinition(loadProto(PROTO_FILES.loot)) as unknown as {
    hunt: { loot: { v1: { LootService: ServiceClientConstructor } } };
  };
  const client = new pkg.hunt.loot.v1.LootService(opts.address, credentials.createInsecure()) as Client &
    Record<string, Unary>;
  const deadlineMs = opts.deadlineMs ?? 1000;
  const call = <Res>(method: string, request: unknown) =>
    new Promise<Res>((resolve, reject) =>
      client[method]!.call(client, request, { deadline: Date.now() + deadlineMs }, (err, res) =>
        err ? reject(apiErrorOf(err)) : resolve(res as Res),
      ),
    );
  return {
    claim: (request) => call('Claim', request),
    getPlayer: (playerId) => call('GetPlayer', { player_id: playerId }),
    getLeaderboard: (seasonId, limit) => call('GetLeaderboard', { season_id: seasonId, limit }),
    close: () => client.close(),
  };
}
