import {
  currentMultiplier,
  rateWindow,
  type ActiveTreasure,
  type Award,
  type ClaimCommand,
  type ClaimOutcome,
  type ClaimRejection,
  type ClaimRules,
} from '@hunt/loot-core';
import { closeRedis, connectRedis, outageAs, waitReady } from '@hunt/redis-connection';
import { Cluster } from 'ioredis';
import {
  RETAIN_AFTER_EXPIRY_MS,
  StoreUnavailableError,
  type MaterialiseResult,
  type TreasureState,
  type TreasureStore,
} from '../port';
import { createClusterClaim, type ClaimReply } from './cluster-claim';
import { bucketOf, redisKeys } from './keys';
import { createRedisOutbox } from './outbox';
import { CLAIM, CLAIM_DECIDE, CLAIM_EFFECTS, CLAIM_GATE, MATERIALISE, OUTBOX_ACK, OUTBOX_READ } from './scripts';

export interface RedisTreasureStoreOptions {
  /** REDIS_URL: one server (redis://) or a Redis Cluster (redis-cluster://h:p,h:p). */
  readonly url: string;
  /** Every key starts with it: one per deployment, one per test run. */
  readonly keyPrefix: string;
  readonly rules: ClaimRules;
  /** This process's config version, stamped on the award events its claims append to the outbox. */
  readonly configVersion: number;
  /** A command not answered within this fails with StoreUnavailableError (default 1000 ms). */
  readonly commandTimeoutMs?: number;
  /** How long start-up waits for the first connection (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  onConnectionError?(error: Error): void;
}

interface ScriptClient {
  lootMaterialise(...args: string[]): Promise<string>;
  lootClaim(...args: string[]): Promise<ClaimReply>;
}

/**
 * The production TreasureStore. Fails fast rather than queueing: no offline queue, one retry per
 * command and a command timeout, so a claim during a Redis outage is UNAVAILABLE within about
 * commandTimeoutMs; the client reconnects on its own with capped backoff. Scripts are sent
 * by EVALSHA, falling back to EVAL after a restarted Redis lost its script cache.
 * On one server a claim is one atomic script (CLAIM); on Redis Cluster it is the slot-by-slot
 * claim of cluster-claim.ts, whose consistency per rule is written down there. Both pass the
 * same contract suite.
 */
export async function createRedisTreasureStore(opts: RedisTreasureStoreOptions): Promise<TreasureStore> {
  const { rules } = opts;
  const keys = redisKeys(opts.keyPrefix);
  const redis = connectRedis(opts.url, (error) => opts.onConnectionError?.(error), {
    commandTimeoutMs: opts.commandTimeoutMs,
    autoPipelining: true,
  });
  redis.defineCommand('lootMaterialise', { numberOfKeys: 1, lua: MATERIALISE });
  redis.defineCommand('lootClaim', { numberOfKeys: 6, lua: CLAIM });
  redis.defineCommand('lootClaimGate', { numberOfKeys: 2, lua: CLAIM_GATE });
  redis.defineCommand('lootClaimDecide', { numberOfKeys: 2, lua: CLAIM_DECIDE });
  redis.defineCommand('lootClaimEffects', { numberOfKeys: 3, lua: CLAIM_EFFECTS });
  redis.defineCommand('lootOutboxRead', { numberOfKeys: 1, lua: OUTBOX_READ });
  redis.defineCommand('lootOutboxAck', { numberOfKeys: 1, lua: OUTBOX_ACK });
  const scripts = redis as unknown as ScriptClient;
  await waitReady(redis, opts.connectTimeoutMs ?? 5000, (m) => new StoreUnavailableError(m)).catch((error: unknown) => {
    redis.disconnect();
    throw error;
  });

  const run = outageAs(StoreUnavailableError);
  /** ARGV of both claim forms (scripts.ts CLAIM_ARGS). */
  const claimArgs = (cmd: ClaimCommand) => [
    cmd.playerId,
    String(cmd.nowMs),
    String(cmd.lat),
    String(cmd.lng),
    String(rules.radiusM),
    String(rules.maxSpeedMps),
    String(rules.claimsPerMinute),
    String(rules.multiplier.step),
    String(rules.multiplier.max),
    String(rules.multiplier.decayS),
    cmd.treasureId,
    rules.seasonId,
    String(opts.configVersion),
  ];
  const cluster =
    redis instanceof Cluster
      ? createClusterClaim({
          redis,
          keys,
          rules,
          claimArgs,
          onEffectsDeferred: (error) => opts.onConnectionError?.(error),
        })
      : null;
  const oneStep = (cmd: ClaimCommand) =>
    scripts.lootClaim(
      keys.treasure(cmd.shardId, cmd.treasureId),
      keys.playerState(cmd.playerId),
      keys.inventory(cmd.playerId),
      keys.rate(cmd.playerId, rateWindow(cmd.nowMs)),
      keys.leaderboard(rules.seasonId),
      keys.outbox(bucketOf(cmd.shardId)),
      ...claimArgs(cmd),
    );
  const outbox = createRedisOutbox({
    redis,
    key: keys.outbox,
    run,
    ...(cluster ? { completeEffects: cluster.completeEffects } : {}),
  });

  return {
    materialise: (t: ActiveTreasure, nowMs: number) =>
      run(
        'materialise',
        async () =>
          (await scripts.lootMaterialise(
            keys.treasure(t.shardId, t.treasureId),
            String(t.lat),
            String(t.lng),
            String(t.expiresAtMs),
            String(nowMs),
            String(RETAIN_AFTER_EXPIRY_MS),
            t.loot.item,
            String(t.loot.value),
            JSON.stringify(t),
          )) as MaterialiseResult,
      ),

    claim: (cmd) =>
      run('claim', async (): Promise<ClaimOutcome> => {
        const reply = await (cluster ? cluster.claim(cmd) : oneStep(cmd));
        if (reply[0] === 'rejected') return { kind: 'rejected', reason: reply[1] as ClaimRejection };
        const [, mult, points, at, replayed, doc] = reply;
        const t = JSON.parse(doc!) as ActiveTreasure;
        const award: Award = {
          treasureId: t.treasureId,
          zoneId: t.zoneId,
          playerId: cmd.playerId,
          seasonId: rules.seasonId,
          tier: t.loot.tier,
          item: t.loot.item,
          value: t.loot.value,
          multiplier: Number(mult),
          points: Number(points),
          claimedAtMs: Number(at),
          lootConfigVersion: t.loot.configVersion,
          spawnConfigVersion: t.configVersion,
        };
        if (replayed !== '1') outbox.appended(bucketOf(cmd.shardId));
        return { kind: 'won', award, replayed: replayed === '1' };
      }),

    treasureState: (shardId, treasureId, nowMs) =>
      run('read', async (): Promise<TreasureState> => {
        const [exp, claimedBy] = await redis.hmget(keys.treasure(shardId, treasureId), 'exp', 'claimed_by');
        if (exp === null) return 'not-found';
        if (claimedBy !== null) return 'claimed';
        return nowMs >= Number(exp) ? 'expired' : 'live';
      }),

    getPlayer: (playerId, nowMs) =>
      run('read', async () => {
        const [state, inv, score] = await Promise.all([
          redis.hgetall(keys.playerState(playerId)),
          redis.hgetall(keys.inventory(playerId)),
          redis.zscore(keys.leaderboard(rules.seasonId), playerId),
        ]);
        const mult = { value: Number(state['mult'] ?? 1), atMs: Number(state['mult_at'] ?? 0) };
        return {
          playerId,
          score: Number(score ?? 0),
          finds: Number(state['finds'] ?? 0),
          multiplier: currentMultiplier(mult, nowMs, rules.multiplier),
          inventory: Object.entries(inv)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([item, count]) => ({ item, count: Number(count) })),
        };
      }),

    leaderboard: (seasonId, limit) =>
      run('read', async () => {
        const flat = await redis.zrevrange(keys.leaderboard(seasonId), 0, limit - 1, 'WITHSCORES');
        const out = [];
        for (let i = 0; i < flat.length; i += 2)
          out.push({ rank: i / 2 + 1, playerId: flat[i]!, score: Number(flat[i + 1]) });
        return out;
      }),

    outbox: outbox.outbox,

    healthy: () =>
      redis.ping().then(
        (r) => r === 'PONG',
        () => false,
      ),

    async close() {
      await closeRedis(redis);
    },
  };
}
