import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import {
  loadProto,
  LOOT_SERVICE_NAME,
  PROTO_FILES,
  type ClaimRequest,
  type ClaimResponse,
  type GetLeaderboardRequest,
  type GetLeaderboardResponse,
  type GetPlayerRequest,
  type GetPlayerResponse,
  type GrpcServiceRegistration,
} from '@hunt/contracts';
import type { TreasureStore } from '@hunt/loot-store';
import type { ClaimResult, ClaimService } from './claim-service';
import { lootError } from './loot-error';
import type { LootMetrics } from './metrics';
import { serviceTokenGuard } from './service-token-guard';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

/**
 * hunt.loot.v1.LootService over the claim service and the store, every call behind the service
 * token guard (`serviceToken`: LOOT_SERVICE_TOKEN); refusals are counted in `metrics`.
 */
export function createLootGrpcService(deps: {
  claims: ClaimService;
  store: TreasureStore;
  seasonId: string;
  now: () => number;
  serviceToken: string;
  metrics: Pick<LootMetrics, 'unauthenticated'>;
}): GrpcServiceRegistration {
  const { claims, store } = deps;
  const guard = async <Res>(cb: sendUnaryData<Res>, op: () => Promise<Res>) => {
    try {
      cb(null, await op());
    } catch {
      cb(lootError('unavailable'));
    }
  };

  return {
    packageDefinition: loadProto(PROTO_FILES.loot),
    serviceName: LOOT_SERVICE_NAME,
    interceptors: [
      serviceTokenGuard({
        token: deps.serviceToken,
        onRefused: (reason) => deps.metrics.unauthenticated.inc({ reason }),
      }),
    ],
    implementation: {
      Claim: (call: ServerUnaryCall<ClaimRequest, ClaimResponse>, cb: sendUnaryData<ClaimResponse>) =>
        void claims.claim(call.request).then((result) => respond(result, cb)),
      GetPlayer: (call: ServerUnaryCall<GetPlayerRequest, GetPlayerResponse>, cb: sendUnaryData<GetPlayerResponse>) => {
        if (!call.request.player_id) return cb(lootError('invalid', 'player_id: must not be empty'));
        void guard(cb, async () => {
          const p = await store.getPlayer(call.request.player_id, deps.now());
          return {
            player_id: p.playerId,
            score: p.score,
            finds: p.finds,
            multiplier: p.multiplier,
            inventory: [...p.inventory],
          };
        });
      },
      GetLeaderboard: (
        call: ServerUnaryCall<GetLeaderboardRequest, GetLeaderboardResponse>,
        cb: sendUnaryData<GetLeaderboardResponse>,
      ) => {
        const limit = call.request.limit || DEFAULT_LIMIT;
        if (limit < 1 || limit > MAX_LIMIT) return cb(lootError('invalid', `limit: must be within 1..${MAX_LIMIT}`));
        const season = call.request.season_id || deps.seasonId;
        void guard(cb, async () => {
          const entries = await store.leaderboard(season, limit);
          return {
            season_id: season,
            entries: entries.map((e) => ({ rank: e.rank, player_id: e.playerId, score: e.score })),
          };
        });
      },
    },
  };
}

function respond(result: ClaimResult, cb: sendUnaryData<ClaimResponse>): void {
  if (result.kind === 'invalid') return cb(lootError('invalid', result.message));
  if (result.kind === 'unavailable') return cb(lootError('unavailable'));
  if (result.kind === 'rejected') return cb(lootError(result.reason));
  const { award } = result;
  cb(null, {
    treasure_id: award.treasureId,
    item: award.item,
    value: award.value,
    multiplier: award.multiplier,
    points: award.points,
    tier: award.tier,
    claimed_at: award.claimedAtMs,
    loot_config_version: award.lootConfigVersion,
    replayed: result.replayed,
    season_id: award.seasonId,
  });
}
