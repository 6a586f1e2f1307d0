import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { currentMultiplier, type ClaimOutcome, type ClaimRules } from '@hunt/loot-core';
import { RETAIN_AFTER_EXPIRY_MS, type TreasureStore } from '../port';
import { claimOf, makeTreasure, T0, TEST_RULES } from './fixtures';
import { describeOutboxContract } from './outbox-contract';

const reasonOf = (o: ClaimOutcome) => (o.kind === 'won' ? (o.replayed ? 'replayed' : 'won') : o.reason);

/**
 * The TreasureStore contract, run against every adapter (in-memory in a .spec.ts, Redis in a
 * .int.ts). `makeStore` returns an empty store (its own key prefix) for TEST_RULES that stamps
 * TEST_CONFIG_VERSION on its outbox entries.
 */
export function describeTreasureStoreContract(
  name: string,
  makeStore: (rules: ClaimRules) => Promise<TreasureStore>,
): void {
  describe(`TreasureStore contract: ${name}`, { timeout: 60_000 }, () => {
    let store: TreasureStore;
    before(async () => void (store = await makeStore(TEST_RULES)));
    after(() => store?.close());

    test('materialise is idempotent by treasure id; an already expired spawn is not stored', async () => {
      const t = makeTreasure({ shardId: 'm1' });
      const late = makeTreasure({ shardId: 'm1', expiresAtMs: T0 });
      assert.equal(await store.treasureState('m1', t.treasureId, T0), 'not-found');
      assert.equal(await store.materialise(t, T0), 'created');
      assert.equal(await store.materialise({ ...t, lat: 11 }, T0), 'duplicate');
      assert.equal(await store.materialise(late, T0), 'expired');
      assert.equal(await store.treasureState('m1', t.treasureId, T0), 'live');
      assert.equal(
        await store.treasureState('other', t.treasureId, T0),
        'not-found',
        'a treasure is in its shard only',
      );
      assert.equal(await store.treasureState('m1', late.treasureId, T0), 'not-found');
      assert.equal(
        reasonOf(await store.claim({ ...claimOf(t, 'm-a'), lat: 11 })),
        'too-far',
        'the duplicate changed nothing',
      );
    });

    test('each rejection has its own reason', async () => {
      const t = makeTreasure({ shardId: 'r1' });
      await store.materialise(t, T0);
      assert.equal(
        reasonOf(await store.claim({ ...claimOf(t, 'r-a'), treasureId: makeTreasure().treasureId })),
        'not-found',
      );
      assert.equal(reasonOf(await store.claim({ ...claimOf(t, 'r-a'), shardId: 'other' })), 'not-found');
      assert.equal(reasonOf(await store.claim({ ...claimOf(t, 'r-b'), lat: 10.1005 })), 'too-far');
      assert.equal(reasonOf(await store.claim(claimOf(t, 'r-c', T0 + 300_000))), 'expired');
      assert.equal(reasonOf(await store.claim(claimOf(t, 'r-d'))), 'won');
      assert.equal(reasonOf(await store.claim(claimOf(t, 'r-e'))), 'already-claimed');
    });

    test('the winner retrying gets the identical award, however often', async () => {
      const t = makeTreasure({ shardId: 'i1' });
      await store.materialise(t, T0);
      const first = await store.claim(claimOf(t, 'i-a'));
      assert.equal(first.kind, 'won');
      for (let i = 0; i < TEST_RULES.claimsPerMinute + 2; i++) {
        assert.deepEqual(await store.claim(claimOf(t, 'i-a', T0 + 5000)), { ...first, replayed: true });
      }
      assert.equal((await store.getPlayer('i-a', T0 + 1000)).finds, 1);
      assert.equal(await store.treasureState('i1', t.treasureId, T0 + 5000), 'claimed');
    });

    test('claim floods are rate limited per player and minute', async () => {
      const t = makeTreasure({ shardId: 'f1' });
      await store.materialise(t, T0);
      const far = { ...claimOf(t, 'f-a'), lat: 10.2 };
      const reasons = [];
      for (let i = 0; i < TEST_RULES.claimsPerMinute + 1; i++) reasons.push(reasonOf(await store.claim(far)));
      assert.deepEqual(reasons.slice(-2), ['too-far', 'rate-limited']);
      assert.equal(reasonOf(await store.claim(claimOf(t, 'f-a', T0 + 60_000))), 'won', 'a new minute, a new budget');
    });

    test('implausibly fast movement between two wins is rejected', async () => {
      const a = makeTreasure({ shardId: 's1' });
      const b = makeTreasure({ shardId: 's1', lat: 10.2 }); // ~11 km north
      await store.materialise(a, T0);
      await store.materialise(b, T0);
      assert.equal(reasonOf(await store.claim(claimOf(a, 's-a', T0 + 1000))), 'won');
      assert.equal(reasonOf(await store.claim(claimOf(b, 's-a', T0 + 61_000))), 'implausible-movement');
      assert.equal(reasonOf(await store.claim(claimOf(b, 's-a', T0 + 1000 + 400_000 - 1))), 'expired');
      const c = makeTreasure({ shardId: 's1', lat: 10.2, expiresAtMs: T0 + 3_600_000 });
      await store.materialise(c, T0);
      assert.equal(
        reasonOf(await store.claim(claimOf(c, 's-a', T0 + 1000 + 400_000))),
        'won',
        '11 km in 400 s is 28 m/s',
      );
    });

    test('points use the combo multiplier, which steps up per find and decays over decay_s', async () => {
      const ts = Array.from({ length: 4 }, () => makeTreasure({ shardId: 'x1' }));
      for (const t of ts) await store.materialise(t, T0);
      const at = [T0 + 1000, T0 + 1000, T0 + 1000, T0 + 6000];
      const awards = [];
      for (const [i, t] of ts.entries()) {
        const o = await store.claim(claimOf(t, 'x-a', at[i]));
        assert.equal(o.kind, 'won');
        if (o.kind === 'won') awards.push(o.award);
      }
      // step 0.5, max 2, decay 10 s: 1, 1.5, 2 at once (next capped at 2), then 5 s of decay -> 1.5
      assert.deepEqual(
        awards.map((a) => a.multiplier),
        [1, 1.5, 2, 1.5],
      );
      assert.deepEqual(
        awards.map((a) => a.points),
        [10, 15, 20, 15],
      );
      const expected = currentMultiplier({ value: 2, atMs: T0 + 6000 }, T0 + 12_345, TEST_RULES.multiplier);
      const player = await store.getPlayer('x-a', T0 + 12_345);
      assert.equal(player.multiplier, expected);
      assert.equal((await store.getPlayer('x-a', T0 + 60_000)).multiplier, 1);
      assert.deepEqual(player.inventory, [{ item: 'coin', count: 4 }]);
      assert.equal(player.score, 60);
      assert.equal(player.finds, 4);
    });

    test("a player's finds in different shards add up in one score, inventory and leaderboard; each treasure has one winner", async () => {
      // Same spot, three shards' keys: the store keys a treasure by its shard, the player by id.
      const ts = ['sh-1', 'sh-2', 'sh-3'].map((shardId) => makeTreasure({ shardId }));
      for (const t of ts) await store.materialise(t, T0);
      const outcomes = await Promise.all(
        ts.flatMap((t) => [store.claim(claimOf(t, 'sh-a')), store.claim(claimOf(t, 'sh-b'))]),
      );
      const winners = ts.map(
        (t) => outcomes.filter((o) => o.kind === 'won' && o.award.treasureId === t.treasureId).length,
      );
      assert.deepEqual(winners, [1, 1, 1], 'exactly one winner per treasure');
      const [a, b] = [await store.getPlayer('sh-a', T0 + 1000), await store.getPlayer('sh-b', T0 + 1000)];
      assert.equal(a.finds + b.finds, 3);
      assert.equal(a.inventory.reduce((n, i) => n + i.count, 0) + b.inventory.reduce((n, i) => n + i.count, 0), 3);
      const board = await store.leaderboard(TEST_RULES.seasonId, 1000);
      for (const p of [a, b])
        if (p.finds > 0) assert.equal(board.find((e) => e.playerId === p.playerId)?.score, p.score);
    });

    test('the season leaderboard orders by score, ties by player id descending', async () => {
      const season = TEST_RULES.seasonId;
      const before = (await store.leaderboard(season, 1000)).length;
      const plan: [string, number][] = [
        ['lb-a', 1],
        ['lb-b', 2],
        ['lb-c', 1],
      ];
      for (const [player, finds] of plan) {
        for (let i = 0; i < finds; i++) {
          const t = makeTreasure({ shardId: 'l1' });
          await store.materialise(t, T0);
          // 20 s apart: the multiplier is back to 1, so every find is worth 10
          assert.equal(reasonOf(await store.claim(claimOf(t, player, T0 + 20_000 * (i + 1)))), 'won');
        }
      }
      const board = (await store.leaderboard(season, 1000)).filter((e) => e.playerId.startsWith('lb-'));
      assert.deepEqual(
        board.map((e) => [e.playerId, e.score]),
        [
          ['lb-b', 20],
          ['lb-c', 10],
          ['lb-a', 10],
        ],
      );
      assert.equal((await store.leaderboard(season, 1000)).length, before + 3);
      assert.deepEqual(
        (await store.leaderboard(season, 1)).map((e) => e.rank),
        [1],
      );
    });

    test('a treasure is expired from its expiry on and is forgotten RETAIN_AFTER_EXPIRY_MS later, unswept', async () => {
      const t = makeTreasure({ shardId: 'e1', expiresAtMs: T0 + 10_000 });
      await store.materialise(t, T0);
      assert.equal(await store.treasureState('e1', t.treasureId, T0 + 9_999), 'live');
      assert.equal(await store.treasureState('e1', t.treasureId, T0 + 10_000), 'expired');
      assert.equal(reasonOf(await store.claim(claimOf(t, 'e-a', T0 + 10_000))), 'expired');
      // Redis forgets by a key TTL on its own clock, so these two are set around the real now.
      const now = Date.now();
      const recent = makeTreasure({ shardId: 'e1', spawnedAtMs: now - 120_000, expiresAtMs: now - 60_000 });
      const oldExpiry = now - RETAIN_AFTER_EXPIRY_MS - 60_000;
      const old = makeTreasure({ shardId: 'e1', spawnedAtMs: oldExpiry - 60_000, expiresAtMs: oldExpiry });
      for (const x of [recent, old]) assert.equal(await store.materialise(x, x.expiresAtMs - 1000), 'created');
      assert.equal(await store.treasureState('e1', recent.treasureId, now), 'expired');
      assert.equal(reasonOf(await store.claim(claimOf(recent, 'e-b', now))), 'expired');
      assert.equal(await store.treasureState('e1', old.treasureId, now), 'not-found');
      assert.equal(reasonOf(await store.claim(claimOf(old, 'e-b', now))), 'not-found');
      assert.equal(await store.materialise(old, now), 'expired', 'a redelivered spawn does not bring it back');
    });

    test('1,000 concurrent claims of one treasure: exactly one winner, the rest already-claimed', async () => {
      const t = makeTreasure({ shardId: 'c1' });
      await store.materialise(t, T0);
      const outcomes = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.claim(claimOf(t, `c-${i}`))));
      const reasons = outcomes.map(reasonOf);
      assert.equal(reasons.filter((r) => r === 'won').length, 1);
      assert.equal(reasons.filter((r) => r === 'already-claimed').length, 999);
    });

    describeOutboxContract(() => store);
  });
}
