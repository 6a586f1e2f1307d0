import { Metadata, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import {
  ERROR_CODE_METADATA_KEY,
  loadProto,
  LOOT_SERVICE_NAME,
  PROTO_FILES,
  SHARED_ERRORS,
  type ClaimRequest,
  type ClaimResponse,
  type GetLeaderboardRequest,
  type GetPlayerRequest,
  type GrpcServiceRegistration,
  type HuntErrorSpec,
  type LeaderboardResponse,
  type PlayerResponse,
} from '@hunt/contracts';
import type { ClaimRejection } from '@hunt/loot-core';
import type { TreasureStore } from '@hunt/loot-store';
import type { ClaimResult, ClaimService } from './claim-service';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

/**
 * The loot-service raises the shared registry of libs/contracts (the hunt API maps the same
 * codes to HTTP; loot.proto documents each, a test there checks it). It must name every claim
 * rejection of libs/loot-core: this `satisfies` stops the build when a rejection has no code.
 */
const ERRORS = SHARED_ERRORS satisfies Record<ClaimRejection | 'invalid' | 'unavailable', HuntErrorSpec>;

/** A gRPC error with the registry's status and code (trailing metadata and details prefix). */
function lootError(kind: keyof typeof ERRORS, detail?: string) {
  const spec = ERRORS[kind];
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, spec.code);
  return { code: spec.grpc, details: `${spec.code}: ${detail ?? spec.message}`, metadata };
}

/** hunt.loot.v1.LootService over the claim service and the store. */
export function createLootGrpcService(deps: {
  claims: ClaimService;
  store: TreasureStore;
  seasonId: string;
  now: () => number;
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
    implementation: {
      Claim: (call: ServerUnaryCall<ClaimRequest, ClaimResponse>, cb: sendUnaryData<ClaimResponse>) =>
        void claims.claim(call.request).then((result) => respond(result, cb)),
      GetPlayer: (call: ServerUnaryCall<GetPlayerRequest, PlayerResponse>, cb: sendUnaryData<PlayerResponse>) => {
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
        call: ServerUnaryCall<GetLeaderboardRequest, LeaderboardResponse>,
        cb: sendUnaryData<LeaderboardResponse>,
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
