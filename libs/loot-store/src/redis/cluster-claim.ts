import { rateWindow, type ClaimCommand, type ClaimRules } from '@hunt/loot-core';
import type { RedisClient } from '@hunt/redis-connection';
import { bucketOf, type RedisKeys } from './keys';

/**
 * The claim on Redis Cluster, where the treasure, the player and the leaderboard live in three
 * slots and no script may touch two. Three scripts and a ZADD (scripts.ts):
 *
 *   1. CLAIM_GATE (player slot)      count the attempt (rate limit), read the last win + multiplier
 *   2. CLAIM_DECIDE (treasure slot)  THE decision: every treasure check, the speed check against
 *                                    step 1's state, the win and its event (with the effects `fx`)
 *                                    appended to the bucket's outbox, atomically
 *   3. CLAIM_EFFECTS (player slot)   finds, inventory, score, last win + multiplier; once per
 *                                    treasure (applied set), so any number of runs apply it once
 *   4. ZADD GT (leaderboard slot)    the player's score as step 3 left it: absolute, so repeats
 *                                    and reordering cannot add twice
 *
 * Steps 3-4 run right after step 2; if they fail (a node away) or the process dies, the winner's
 * retry (a replay) and the award relay (before it publishes the entry) run them again.
 * What each rule guarantees here (single Redis: all exact, one atomic step):
 *   - one winner per treasure, expiry, radius, not-found: exact (step 2 alone decides).
 *   - rate limit: exact per attempt (step 1); a winner's retries also count as attempts.
 *   - speed check and multiplier: exact for a player's claims one after another; claims of one
 *     player in flight at the same moment (a few ms) all read the win before them, so each is
 *     checked against that position and priced with that multiplier (never more points than
 *     the single-Redis order would give: the multiplier only rises per win). Bounded by the rate
 *     limit, which caps how many claims a player has in flight.
 *   - inventory, finds, score, leaderboard: exactly once per win, visible when the claim answers
 *     (or, after a failure between step 2 and 3, within a relay pass, about a second). Once per
 *     win holds while the applied set remembers the win: APPLIED_HORIZON_MS.
 */
export const APPLIED_HORIZON_MS = 24 * 3_600_000;

interface ClusterScripts {
  lootClaimGate(rate: string, state: string, limit: string): Promise<(string | null)[] | null>;
  lootClaimDecide(treasure: string, outbox: string, ...args: string[]): Promise<string[]>;
  lootClaimEffects(applied: string, state: string, inventory: string, fx: string, horizon: string): Promise<string>;
}

/** The reply of either claim form: {'won', mult, points, claimedAt, replayed, doc} or {'rejected', reason}. */
export type ClaimReply = string[];

export function createClusterClaim(opts: {
  redis: RedisClient;
  keys: RedisKeys;
  rules: ClaimRules;
  claimArgs: (cmd: ClaimCommand) => string[];
  /** A win whose effects step failed: the relay will complete them. */
  onEffectsDeferred(error: Error): void;
}) {
  const { keys, rules } = opts;
  const scripts = opts.redis as unknown as ClusterScripts;

  /** Steps 3 and 4 for a win's `fx` (CLAIM_DECIDE's JSON: player, treasure, lat, lng, at, mult, item, points). */
  async function completeEffects(fx: string): Promise<void> {
    const [player] = JSON.parse(fx) as string[];
    const score = await scripts.lootClaimEffects(
      keys.applied(player!),
      keys.playerState(player!),
      keys.inventory(player!),
      fx,
      String(APPLIED_HORIZON_MS),
    );
    await opts.redis.zadd(keys.leaderboard(rules.seasonId), 'GT', score, player!);
  }

  async function claim(cmd: ClaimCommand): Promise<ClaimReply> {
    const gate = await scripts.lootClaimGate(
      keys.rate(cmd.playerId, rateWindow(cmd.nowMs)),
      keys.playerState(cmd.playerId),
      String(rules.claimsPerMinute),
    );
    const reply = await scripts.lootClaimDecide(
      keys.treasure(cmd.shardId, cmd.treasureId),
      keys.outbox(bucketOf(cmd.shardId)),
      ...opts.claimArgs(cmd),
      gate === null ? '1' : '0',
      ...(gate ?? []).map((v) => v ?? ''),
      ...(gate === null ? ['', '', '', '', ''] : []),
    );
    const fx = reply[6];
    if (reply[0] === 'won' && fx) {
      await completeEffects(fx).catch((error: unknown) => opts.onEffectsDeferred(error as Error));
    }
    return reply.slice(0, 6);
  }

  return { claim, completeEffects };
}
