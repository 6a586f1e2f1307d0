import { shardAt } from '@hunt/world';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { status, type ServiceError } from '@grpc/grpc-js';
import { errorInfoOf, treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { VALID_CONFIG_TOML } from '@hunt/config-schema/testing';
import { startRedis, stopRedis } from '@hunt/test-infra';
import { startLootHarness, type LootHarness } from './testing/harness';
import { claimOf, grpcCode, spawnEvent } from './testing/spawn-fixtures';

// Chaos tests stop shared servers: tools/test/run.ts runs *.chaos.ts files alone, after the rest.
const { redisUrl, kafkaBrokers } = requireInfraEnv();

describe('loot-service through a Redis outage', { timeout: 120_000 }, () => {
  let h: LootHarness;
  const publish = (e: TreasureSpawnedV1) =>
    h.bus.publish({ topic: h.topics.spawned, key: e.zone_id, schema: treasureSpawnedV1, value: e });

  before(async () => void (h = await startLootHarness({ redisUrl, kafkaBrokers, configText: VALID_CONFIG_TOML })));
  after(() => h?.close());

  test('Redis stopped mid-run: claims fail fast with UNAVAILABLE, then recover by themselves', async () => {
    const player = uniqueName('outage');
    await stopRedis();
    try {
      const e = spawnEvent(Date.now());
      const t0 = performance.now();
      const err = await h.client.claim(claimOf(e, player)).then(
        () => undefined,
        (x: ServiceError) => x,
      );
      const ms = performance.now() - t0;
      assert.equal(err?.code, status.UNAVAILABLE);
      assert.equal(errorInfoOf(err?.metadata)?.reason, 'HUNT_ERR_UNAVAILABLE');
      assert.ok(ms < 1500, `took ${Math.round(ms)} ms (command timeout 500 ms, one retry)`);
      assert.equal(await grpcCode(h.client.getPlayer(player)), status.UNAVAILABLE);
    } finally {
      await startRedis();
    }
    const e = spawnEvent(Date.now());
    await publish(e); // the consumer retried while Redis was away; this one must arrive too
    await waitFor(
      'the store to recover and materialise',
      async () =>
        (await h.store.treasureState(shardAt(e.lat, e.lng), e.treasure_id, Date.now()).catch(() => 'unavailable')) ===
        'live',
    );
    const won = await h.client.claim(claimOf(e, player));
    const me = await h.client.getPlayer(player);
    assert.deepEqual([me.finds, me.score, me.inventory.reduce((n, i) => n + i.count, 0)], [1, won.points, 1]);
  });
});
