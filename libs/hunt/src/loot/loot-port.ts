import type { ClaimRequest, ClaimResponse, GetLeaderboardResponse, GetPlayerResponse } from '@hunt/contracts';

/**
 * What the hunt API needs of the loot-service (hunt.loot.v1). Every method throws ApiError:
 * the registry outcome the loot-service answered (409, 410, 422, ...), or 'unavailable' when it
 * could not be reached within the deadline. The caller (the HTTP client) owns retries.
 */
export interface LootPort {
  claim(request: ClaimRequest): Promise<ClaimResponse>;
  getPlayer(playerId: string): Promise<GetPlayerResponse>;
  getLeaderboard(seasonId: string, limit: number): Promise<GetLeaderboardResponse>;
  close(): void;
}
