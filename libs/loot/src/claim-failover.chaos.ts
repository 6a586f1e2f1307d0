/**
 * Chaos: a Redis Cluster primary is killed while 1,000 claims race for 100 treasures, half of
 * them in the dying primary's slots. The test keeps its own ledger (the answers it got, the award
 * topic it reads, the players' state it reads back), never the service's counters.
 * tools/test/run.ts runs *.chaos.ts files alone, after the rest.
 */
import { shardAt } from '@hunt/world';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { status, type ServiceError } from '@grpc/grpc-js';
import type { ClaimRequest, ClaimResponse } from '@hunt/contracts';
import { defineHandler } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { VALID_CONFIG_TOML } from '@hunt/config-schema/testing';
import { testRedisClusterUrl } from '@hunt/redis-connection/testing';
import {
  killRedisClusterNode,
  redisClusterPrimaryOf,
  restartRedisClusterNode,
  waitRedisClusterHealthy,
} from '@hunt/test-infra';
import { bucketOf, redisKeys } from '@hunt/loot-store/testing';
import { z } from 'zod';
import { startLootHarness, type LootHarness } from './testing/harness';

const { kafkaBrokers } = requireInfraEnv();
const redisUrl = testRedisClusterUrl();

const PER_SIDE = 5; // places whose treasures live on the victim primary, and as many elsewhere
const PER_PLACE = 10;
const CLAIMANTS = 10; // per treasure: 100 treasures, 1,000 claims
const WAVES = 10;
const WAVE_GAP_MS = 150;
/** The client's pause before retrying UNAVAILABLE (the API tells players Retry-After: 1 s; shorter here). */
const RETRY_AFTER_MS = 250;
const RETRY_BUDGET_MS = 30_000;
/** A call that takes longer than this is a hang, not a fast failure (the store's timeout is 500 ms, plus ~1.6 s of redirections). */
const FAST_MS = 3_000;

interface Claimant {
  req: ClaimRequest;
  final?: { code: status; res?: ClaimResponse };
}

describe('claims across a Redis Cluster primary failover', { timeout: 240_000 }, () => {
  let h: LootHarness;
  before(async () => void (h = await startLootHarness({ redisUrl, kafkaBrokers, configText: VALID_CONFIG_TOML })));
  after(async () => {
    await waitRedisClusterHealthy(60_000).catch(() => {}); // leave the cluster whole for the next file
    await h?.close();
  });

  /** Places (one shard each) split by whether the victim primary holds their bucket's slot. */
  async function placesSplitByPrimary(victim: number | null) {
    const onVictim: { lat: number; lng: number }[] = [];
    const elsewhere: { lat: number; lng: number }[] = [];
    let port = victim;
    for (let i = 0; onVictim.length < PER_SIDE || elsewhere.length < PER_SIDE; i++) {
      const place = { lat: 10 + (i % 40) * 0.05, lng: 20 + Math.floor(i / 40) * 0.05 };
      const key = redisKeys(h.keyPrefix).outbox(bucketOf(shardAt(place.lat, place.lng)));
      const owner = (await redisClusterPrimaryOf(key)).port;
      port ??= owner;
      (owner === port ? onVictim : elsewhere).push(place);
      if (i > 2000) throw new Error('could not find places on both sides of the cluster');
    }
    return { victim: port!, places: [...onVictim.slice(0, PER_SIDE), ...elsewhere.slice(0, PER_SIDE)] };
  }

  test('1,000 claims race while a primary dies: one winner each, every award once, fast errors, recovery', async (t) => {
    const { victim, places } = await placesSplitByPrimary(null);
    const treasures: { id: string; lat: number; lng: number }[] = [];
    for (const place of places) {
      const ids = await h.materialiseTreasures(PER_PLACE, { zoneId: 'alpha', ...place });
      treasures.push(...ids.map((id) => ({ id, ...place })));
    }
    const run = uniqueName('fo');
    const claimants: Claimant[] = treasures.flatMap((tr, ti) =>
      Array.from({ length: CLAIMANTS }, (_, c) => ({
        req: {
          player_id: `${run}-p${ti}-${c}`,
          treasure_id: tr.id,
          zone_id: 'alpha',
          shard_id: shardAt(tr.lat, tr.lng),
          lat: tr.lat,
          lng: tr.lng,
        },
      })),
    );
    const durations: number[] = [];
    let unavailable = 0;
    let killedAt = 0;
    let firstOkOnVictimAfterKill = 0;
    const victimTreasures = new Set(treasures.slice(0, PER_SIDE * PER_PLACE).map((tr) => tr.id));
    const deadline = Date.now() + RETRY_BUDGET_MS;

    const settle = async (c: Claimant) => {
      for (;;) {
        const t0 = performance.now();
        const answer = await h.client.claim(c.req).then(
          (res) => ({ code: status.OK, res }),
          (e: ServiceError) => ({ code: e.code }),
        );
        durations.push(performance.now() - t0);
        if (answer.code !== status.UNAVAILABLE) {
          if (killedAt && !firstOkOnVictimAfterKill && victimTreasures.has(c.req.treasure_id))
            firstOkOnVictimAfterKill = Date.now();
          c.final = answer;
          return;
        }
        unavailable++;
        assert.ok(Date.now() < deadline, `claims still UNAVAILABLE ${RETRY_BUDGET_MS} ms after the first wave`);
        await sleep(RETRY_AFTER_MS);
      }
    };

    // Waves of claims, the primary killed after the second: claims keep arriving through it.
    const inFlight: Promise<void>[] = [];
    const perWave = claimants.length / WAVES;
    for (let w = 0; w < WAVES; w++) {
      // Interleave treasures so every wave races for all of them.
      for (let i = w; i < claimants.length; i += WAVES) inFlight.push(settle(claimants[i]!));
      if (w === 1) {
        await killRedisClusterNode(victim);
        killedAt = Date.now();
      }
      await sleep(WAVE_GAP_MS);
    }
    assert.equal(inFlight.length, perWave * WAVES);
    await Promise.all(inFlight);

    // One winner per treasure; every other claimant told it was taken.
    const winners = new Map<string, Claimant[]>();
    for (const c of claimants) {
      if (c.final!.code === status.OK) winners.set(c.req.treasure_id, [...(winners.get(c.req.treasure_id) ?? []), c]);
      else assert.equal(c.final!.code, status.ALREADY_EXISTS, `${c.req.player_id}: ${status[c.final!.code]}`);
    }
    for (const tr of treasures) assert.equal(winners.get(tr.id)?.length, 1, `treasure ${tr.id} has one winner`);
    const slowest = Math.max(...durations);
    assert.ok(slowest < FAST_MS, `the slowest claim answer took ${Math.round(slowest)} ms (a hang)`);
    assert.ok(unavailable > 0, 'the kill was felt: some claims answered UNAVAILABLE while the slots moved');

    // Every award on the topic, for its winner, and each winner's effects applied exactly once.
    const seen = new Map<string, string[]>();
    const sub = await h.bus.subscribe({
      groupId: uniqueName('fo-awards'),
      fromBeginning: true,
      handlers: [
        defineHandler({
          topic: h.topics.awarded,
          schema: z.object({ treasure_id: z.string(), player_id: z.string() }).loose(),
          handle: async (v) => void seen.set(v.treasure_id, [...(seen.get(v.treasure_id) ?? []), v.player_id]),
        }),
      ],
    });
    try {
      await waitFor('every award on Kafka', () => treasures.every((tr) => seen.has(tr.id)), 90_000);
    } finally {
      await sub.close();
    }
    for (const tr of treasures) {
      const [winner] = winners.get(tr.id)!;
      assert.deepEqual(
        new Set(seen.get(tr.id)),
        new Set([winner!.req.player_id]),
        `award of ${tr.id} names its winner`,
      );
      const player = await h.client.getPlayer(winner!.req.player_id);
      assert.equal(Number(player.finds), 1, `${winner!.req.player_id} has one find`);
      assert.equal(Number(player.score), Number(winner!.final!.res!.points), `${winner!.req.player_id} scored once`);
    }
    const board = await h.client.getLeaderboard('', 1000);
    const onBoard = new Map(board.entries.map((e) => [e.player_id, Number(e.score)]));
    for (const [, [w]] of winners) assert.equal(onBoard.get(w!.req.player_id), Number(w!.final!.res!.points));

    // The killed node comes back as a replica; the cluster is whole again.
    await restartRedisClusterNode(victim);
    await waitRedisClusterHealthy(60_000);
    const dupes = [...seen.values()].reduce((n, ps) => n + ps.length - 1, 0);
    const sorted = [...durations].sort((a, b) => a - b);
    t.diagnostic(
      `primary ${victim} killed after wave 2: ${unavailable} UNAVAILABLE answers (retried), claim p50 ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, ` +
        `max ${Math.round(slowest)} ms; first won/taken answer on its slots ${firstOkOnVictimAfterKill ? firstOkOnVictimAfterKill - killedAt : 'n/a'} ms after the kill; ` +
        `${treasures.length} treasures, ${treasures.length} winners, ${dupes} awards delivered twice (at-least-once), none lost`,
    );
  });
});
