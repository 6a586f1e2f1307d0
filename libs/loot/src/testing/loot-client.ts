import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import {
  loadProto,
  PROTO_FILES,
  serviceTokenInterceptor,
  type ClaimRequest,
  type ClaimResponse,
  type GetLeaderboardResponse,
  type GetPlayerResponse,
} from '@hunt/contracts';

type Unary<Req, Res> = (req: Req, cb: (err: ServiceError | null, res?: Res) => void) => void;

/**
 * A promise-returning hunt.loot.v1 client for tests and benchmarks; errors reject as ServiceError.
 * With `token`, every call carries it as the service token; without, none (to test the guard).
 */
export function createLootClient(address: string, opts: { token?: string } = {}) {
  const pkg = loadPackageDefinition(loadProto(PROTO_FILES.loot)) as unknown as {
    hunt: { loot: { v1: { LootService: ServiceClientConstructor } } };
  };
  const interceptors = opts.token === undefined ? [] : [serviceTokenInterceptor(opts.token)];
  const client = new pkg.hunt.loot.v1.LootService(address, credentials.createInsecure(), { interceptors }) as Client &
    Record<string, Unary<unknown, unknown>>;
  const call = <Req, Res>(method: string, req: Req) =>
    new Promise<Res>((resolve, reject) =>
      (client[method] as Unary<Req, Res>).call(client, req, (err, res) => (err ? reject(err) : resolve(res!))),
    );
  return {
    claim: (req: ClaimRequest) => call<ClaimRequest, ClaimResponse>('Claim', req),
    getPlayer: (playerId: string) =>
      call<{ player_id: string }, GetPlayerResponse>('GetPlayer', { player_id: playerId }),
    getLeaderboard: (seasonId = '', limit = 10) =>
      call<{ season_id: string; limit: number }, GetLeaderboardResponse>('GetLeaderboard', {
        season_id: seasonId,
        limit,
      }),
    close: () => client.close(),
  };
}

export type LootClient = ReturnType<typeof createLootClient>;
