import { shardAt } from '@hunt/world';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { status, type ServiceError } from '@grpc/grpc-js';
import { errorInfoOf, LOOT_ERROR_DOMAIN, treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import { createKafkaEventBus, defineHandler, DLQ_HEADERS, dlqTopic, type EventMeta } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { VALID_CONFIG_TOML } from '@hunt/config-schema/testing';
import { createTestConfig } from '@hunt/static-config/testing';
import { z } from 'zod';
import { createLootRoller } from './loot-roller';
import { startLootHarness, type LootHarness } from './testing/harness';
import { TEST_ROLL_SECRET } from './testing/test-secrets';
import { claimOf, grpcCode, spawnEvent } from './testing/spawn-fixtures';

// Nothing here stops a server: the Redis outage test is loot-service.chaos.ts.
const { redisUrl, kafkaBrokers } = requireInfraEnv();
const config = createTestConfig().config;
let clock = Date.now();
const now = () => clock;
const spawn = (over: Partial<TreasureSpawnedV1> = {}) => spawnEvent(clock, over);

describe('loot-service on real Redis and Kafka', { timeout: 120_000 }, () => {
  let h: LootHarness;
  const publish = (e: TreasureSpawnedV1) =>
    h.bus.publish({ topic: h.topics.spawned, key: e.zone_id, schema: treasureSpawnedV1, value: e });
  const stateOf = (e: TreasureSpawnedV1) => h.store.treasureState(shardAt(e.lat, e.lng), e.treasure_id, now());
  const live = (...es: TreasureSpawnedV1[]) =>
    waitFor(`${es.length} live treasures`, async () => (await Promise.all(es.map(stateOf))).every((s) => s === 'live'));

  before(async () => void (h = await startLootHarness({ redisUrl, kafkaBrokers, configText: VALID_CONFIG_TOML, now })));
  after(() => h?.close());

  /** Spawn events the consumer handled so far, by the store's answer (loot_spawns_total). */
  const handled = async () => {
    const { values } = await h.core.registry.getSingleMetric('loot_spawns_total')!.get();
    const of = (result: string) => values.filter((v) => v.labels['result'] === result).reduce((n, v) => n + v.value, 0);
    return { created: of('created'), duplicate: of('duplicate') };
  };

  test('spawns materialise once across redelivery and a consumer restart; none lost', async () => {
    const start = await handled();
    const first = Array.from({ length: 10 }, () => spawn());
    for (const e of [...first, first[0]!, first[3]!, first[9]!]) await publish(e);
    await live(...first);
    const second = Array.from({ length: 5 }, () => spawn());
    await h.restartConsumer(async () => {
      for (const e of [...second, first[1]!, second[0]!]) await publish(e);
    });
    // 20 deliveries of 15 treasures. At-least-once delivery may add duplicates, never creations:
    // a store that overwrote on redelivery would answer 'created' 20 times.
    await waitFor('all 20 deliveries handled', async () => {
      const got = await handled();
      return got.created + got.duplicate - start.created - start.duplicate >= 20;
    });
    const end = await handled();
    assert.equal(end.created - start.created, 15, 'created once per treasure id');
    assert.ok(end.duplicate - start.duplicate >= 5, `${end.duplicate - start.duplicate} duplicates of 5 redeliveries`);
    assert.deepEqual(await Promise.all([...first, ...second].map(stateOf)), Array(15).fill('live'));
    // How far materialisation lags: the newest stored spawn's time.
    const newest = await h.core.registry.getSingleMetric('loot_newest_spawn_timestamp_seconds')!.get();
    assert.equal(newest.values[0]!.value, Math.max(...[...first, ...second].map((e) => e.spawned_at)) / 1000);
  });

  test('a claimed treasure stays claimed when its spawn is redelivered', async () => {
    const e = spawn();
    await publish(e);
    await live(e);
    const winner = uniqueName('winner');
    const won = await h.client.claim(claimOf(e, winner));
    // Same key, same partition: the marker is handled after the redelivered spawn.
    const marker = spawn();
    await publish(e);
    await publish(marker);
    await live(marker);
    assert.equal(await stateOf(e), 'claimed', 'the claimed treasure is live again');
    assert.equal(await grpcCode(h.client.claim(claimOf(e, uniqueName('late')))), status.ALREADY_EXISTS);
    assert.deepEqual(await h.client.claim(claimOf(e, winner)), { ...won, replayed: true });
  });

  test('a poison spawn lands in the dead-letter topic and the partition keeps flowing', async () => {
    const dead: EventMeta[] = [];
    const sub = await h.bus.subscribe({
      groupId: uniqueName('dlq-reader'),
      fromBeginning: true,
      handlers: [
        defineHandler({
          topic: dlqTopic(h.topics.spawned),
          schema: z.unknown(),
          handle: async (_v, m) => void dead.push(m),
        }),
      ],
    });
    try {
      await h.bus.publish({
        topic: h.topics.spawned,
        key: 'alpha',
        schema: z.unknown(),
        value: { ...spawn(), lat: 'north' },
      });
      const good = spawn();
      await publish(good);
      await live(good);
      const [meta] = await waitFor('the dead letter', () => (dead.length > 0 ? dead : undefined));
      assert.match(meta!.headers[DLQ_HEADERS.reason] ?? '', /lat/);
    } finally {
      await sub.close();
    }
  });

  test('loot is the roll keyed by id, version and secret, scored with the decaying multiplier; the award is published', async () => {
    const roller = createLootRoller({ secret: TEST_ROLL_SECRET });
    const expected = (e: TreasureSpawnedV1) => roller.roll(config.tiers, e.treasure_id, e.tier, 7).item;
    const awards: { value: unknown; meta: EventMeta }[] = [];
    const sub = await h.bus.subscribe({
      groupId: uniqueName('award-reader'),
      fromBeginning: true,
      handlers: [
        defineHandler({
          topic: h.topics.awarded,
          schema: z.unknown(),
          handle: async (value, meta) => void awards.push({ value, meta }),
        }),
      ],
    });
    try {
      const es = [spawn({ tier: 'rare' }), spawn(), spawn()];
      for (const e of es) await publish(e);
      await live(...es);
      const player = uniqueName('decay');
      const r1 = await h.client.claim(claimOf(es[0]!, player));
      assert.equal(r1.item, expected(es[0]!));
      assert.deepEqual([r1.multiplier, r1.points, r1.loot_config_version, r1.replayed], [1, 100, 7, false]);
      assert.deepEqual(await h.client.claim(claimOf(es[0]!, player)), { ...r1, replayed: true });
      const r2 = await h.client.claim(claimOf(es[1]!, player));
      assert.deepEqual([r2.item, r2.multiplier], [expected(es[1]!), 1.5]);
      clock += 5_000; // decay_s = 10: from 2 halfway back to 1
      const r3 = await h.client.claim(claimOf(es[2]!, player));
      assert.deepEqual([r3.item, r3.multiplier], [expected(es[2]!), 1.5]);
      const me = await h.client.getPlayer(player);
      assert.equal(me.score, r1.points + r2.points + r3.points);
      assert.equal(me.finds, 3);
      clock += 60_000;
      assert.equal((await h.client.getPlayer(player)).multiplier, 1);
      const board = await h.client.getLeaderboard('', 1000);
      assert.equal(board.season_id, 'test-season');
      const scores = board.entries.map((e) => e.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      assert.equal(board.entries[0]!.player_id, player);
      const mine = await waitFor('the award event', () =>
        awards.find((a) => (a.value as { treasure_id: string }).treasure_id === es[0]!.treasure_id),
      );
      assert.equal(mine.meta.headers['config-version'], '7');
      assert.equal(mine.meta.key, shardAt(es[0]!.lat, es[0]!.lng), 'awards are keyed by the treasure shard');
    } finally {
      await sub.close();
    }
  });

  test('a spawn from a newer config with an unknown tier falls back, is counted, and staleness starts', async () => {
    const newer = await createKafkaEventBus({ brokers: kafkaBrokers, clientId: 'newer-spawner', configVersion: 8 });
    try {
      const e = spawn({ tier: 'legendary', config_version: 8 });
      await newer.publish({ topic: h.topics.spawned, key: 'alpha', schema: treasureSpawnedV1, value: e });
      await live(e);
      assert.equal(h.core.staleness.newestVersion(), 8);
      clock += 4_000;
      assert.equal(h.core.staleness.stalenessSeconds(), 4);
      const won = await h.client.claim(claimOf(e, uniqueName('fallback')));
      assert.equal(won.tier, 'common');
      assert.match(await h.core.registry.getSingleMetricAsString('loot_unknown_tier_total'), / 1$/m);
    } finally {
      await newer.close();
    }
  });

  test('bad input is INVALID_ARGUMENT naming the field, with a google.rpc.ErrorInfo reason', async () => {
    const err = await h.client.claim({ ...claimOf(spawn(), 'p'), lat: 91 }).then(
      () => undefined,
      (x: ServiceError) => x,
    );
    assert.equal(err?.code, status.INVALID_ARGUMENT);
    assert.match(err?.details ?? '', /^lat: /);
    assert.deepEqual(errorInfoOf(err?.metadata), {
      reason: 'HUNT_ERR_INVALID_ARGUMENT',
      domain: LOOT_ERROR_DOMAIN,
      metadata: {},
    });
    assert.deepEqual(err?.metadata.get('hunt-error-code'), [], 'one way to carry the code');
  });
});
