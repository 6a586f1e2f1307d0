import { status, type ServiceError } from '@grpc/grpc-js';
import { ulid, type ClaimRequest, type TreasureSpawnedV1 } from '@hunt/contracts';
import { shardAt } from '@hunt/world';

/** A valid spawn event in zone alpha at `nowMs`, live for 5 minutes; `over` replaces fields. */
export function spawnEvent(nowMs: number, over: Partial<TreasureSpawnedV1> = {}): TreasureSpawnedV1 {
  return {
    treasure_id: ulid(nowMs),
    zone_id: 'alpha',
    lat: 10.2,
    lng: 20.2,
    tier: 'common',
    spawned_at: nowMs,
    expires_at: nowMs + 300_000,
    config_version: 7,
    ...over,
  };
}

/** A claim of the spawned treasure by `player`, standing on it. */
export function claimOf(e: TreasureSpawnedV1, player: string): ClaimRequest {
  return {
    player_id: player,
    treasure_id: e.treasure_id,
    zone_id: e.zone_id,
    shard_id: shardAt(e.lat, e.lng),
    lat: e.lat,
    lng: e.lng,
  };
}

/** The gRPC status a call ended with: OK when it resolved, else its error's code. */
export function grpcCode(call: Promise<unknown>): Promise<status> {
  return call.then(
    () => status.OK,
    (e: ServiceError) => e.code,
  );
}
