/** Wire types of hunt.loot.v1 (hunt/loot/v1/loot.proto), as grpc-js delivers them with PROTO_LOADER_OPTIONS. */
export interface ClaimRequest {
  player_id: string;
  treasure_id: string;
  lat: number;
  lng: number;
  zone_id: string;
  shard_id: string;
}

export interface ClaimResponse {
  treasure_id: string;
  item: string;
  value: number;
  multiplier: number;
  points: number;
  tier: string;
  claimed_at: number;
  loot_config_version: number;
  replayed: boolean;
  season_id: string;
}

export interface GetPlayerRequest {
  player_id: string;
}

export interface GetPlayerResponse {
  player_id: string;
  score: number;
  finds: number;
  multiplier: number;
  inventory: { item: string; count: number }[];
}

export interface GetLeaderboardRequest {
  season_id: string;
  limit: number;
}

export interface GetLeaderboardResponse {
  season_id: string;
  entries: { rank: number; player_id: string; score: number }[];
}

export const LOOT_SERVICE_NAME = 'hunt.loot.v1.LootService';
