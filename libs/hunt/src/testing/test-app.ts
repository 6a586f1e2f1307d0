import type { ClaimRequest, ClaimResponse } from '@hunt/contracts';
import { createTestConfig } from '@hunt/static-config/testing';
import { createConfigStaleness } from '@hunt/static-config';
import { Registry } from 'prom-client';
import { buildHuntApp, type HuntAppDeps } from '../app';
import { createAuthenticator } from '../auth/authenticator';
import { mintToken } from '../auth/jwt';
import { ApiError } from '../http/errors';
import type { LootPort } from '../loot/loot-port';
import { createNearbyIndex } from '../nearby/nearby-index';
import { createReadLimiter } from '../rate-limit/read-limiter';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-chars';

/** A won claim of `treasureId` as the loot-service answers it (config version 9, season s1). */
export function testAward(treasureId: string): ClaimResponse {
  return {
    treasure_id: treasureId,
    item: 'old-map',
    value: 8,
    multiplier: 1.25,
    points: 10,
    tier: 'common',
    claimed_at: 1,
    loot_config_version: 9,
    replayed: false,
    season_id: 's1',
  };
}

/**
 * A LootPort that answers claims from a script: each treasure id maps to an award or an
 * ApiError kind; everything else is 'not-found'. Records the requests it got.
 */
export function createScriptedLoot(script: Record<string, ClaimResponse | ApiError> = {}) {
  const claims: ClaimRequest[] = [];
  const loot: LootPort & { claims: ClaimRequest[] } = {
    claims,
    async claim(request) {
      claims.push(request);
      const answer = script[request.treasure_id] ?? new ApiError('not-found');
      if (answer instanceof ApiError) throw answer;
      return answer;
    },
    getPlayer: async (playerId) => ({ player_id: playerId, score: 0, finds: 0, multiplier: 1, inventory: [] }),
    getLeaderboard: async (seasonId) => ({ season_id: seasonId || 's1', entries: [] }),
    close: () => {},
  };
  return loot;
}

/** The hunt app over in-memory parts on a fixed clock, plus a token minter; override any dep. */
export async function buildTestHuntApp(overrides: Partial<HuntAppDeps> = {}) {
  const nowMs = 1_800_000_000_000;
  const loaded = overrides.loaded ?? createTestConfig();
  const deps: HuntAppDeps = {
    loaded,
    registry: new Registry(),
    index: createNearbyIndex(),
    loot: createScriptedLoot(),
    auth: createAuthenticator({ secret: TEST_JWT_SECRET, now: () => nowMs }),
    readLimiter: createReadLimiter({ limitPerS: loaded.config.rate_limits.reads_per_second, now: () => nowMs }),
    staleness: createConfigStaleness(loaded.version),
    now: () => nowMs,
    ...overrides,
  };
  const app = await buildHuntApp(deps);
  const tokenFor = (playerId: string) => mintToken({ secret: TEST_JWT_SECRET, playerId, nowS: nowMs / 1000 });
  return {
    app,
    deps,
    nowMs,
    tokenFor,
    auth: (playerId: string) => ({ authorization: `Bearer ${tokenFor(playerId)}` }),
  };
}
