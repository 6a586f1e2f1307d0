import { shardAt } from '@hunt/world';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defineHandler, type EventMeta } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { VALID_CONFIG_TOML } from '@hunt/config-schema/testing';
import { z } from 'zod';
import { startKafka, stopKafka } from '@hunt/test-infra';
import { startLootHarness, type LootHarness } from './testing/harness';

// Chaos tests stop shared servers: tools/test/run.ts runs *.chaos.ts files alone, after the rest.
const { redisUrl, kafkaBrokers } = requireInfraEnv();
const ZONE = { id: 'alpha', lat: 10.3, lng: 20.3 };

describe('award relay on real Redis and Kafka', { timeout: 180_000 }, () => {
  let h: LootHarness;
  before(async () => void (h = await startLootHarness({ redisUrl, kafkaBrokers, configText: VALID_CONFIG_TOML })));
  after(() => h?.close());

  const treasures = (n: number) => h.materialiseTreasures(n, { zoneId: ZONE.id, lat: ZONE.lat, lng: ZONE.lng });
  const claim = (id: string) =>
    h.client.claim({
      player_id: uniqueName('relay'),
      treasure_id: id,
      zone_id: ZONE.id,
      shard_id: shardAt(ZONE.lat, ZONE.lng),
      lat: ZONE.lat,
      lng: ZONE.lng,
    });
  const metric = async (name: string) =>
    (await h.core.registry.getSingleMetric(name)!.get()).values.reduce((n, v) => n + v.value, 0);

  test('Kafka stopped mid-run: claims stay fast, awards wait in the outbox, then every one arrives', async (t) => {
    const [before, during] = [await treasures(10), await treasures(30)];
    for (const id of before) await claim(id);

    // The spawn consumer sits the outage out: a kafkajs consumer that lives through a broker
    // restart takes ~30 s to stop and leaves a socket open (event-bus issue, not the relay's).
    await h.restartConsumer(async () => {
      await stopKafka();
      try {
        const slowest = Math.max(
          ...(await Promise.all(
            during.map(async (id) => {
              const t0 = performance.now();
              await claim(id);
              return performance.now() - t0;
            }),
          )),
        );
        assert.ok(slowest < 500, `a claim took ${Math.round(slowest)} ms with Kafka down`);
        await waitFor('the awards to wait in the outbox', async () => (await h.store.outbox.stats()).depth >= 30);
        await waitFor(
          'the relay to count its failures',
          async () => (await metric('loot_award_relay_errors_total')) > 0,
        );
      } finally {
        await startKafka();
      }
    });

    // Read after the outage from the beginning: every award, with its config-version stamp.
    const seen = new Map<string, EventMeta[]>();
    const sub = await h.bus.subscribe({
      groupId: uniqueName('award-reader'),
      fromBeginning: true,
      handlers: [
        defineHandler({
          topic: h.topics.awarded,
          schema: z.object({ treasure_id: z.string() }).loose(),
          handle: async (v, meta) => void seen.set(v.treasure_id, [...(seen.get(v.treasure_id) ?? []), meta]),
        }),
      ],
    });
    try {
      const all = [...before, ...during];
      await waitFor('every award on Kafka', () => all.every((id) => seen.has(id)), 90_000);
      const copies = all.reduce((n, id) => n + seen.get(id)!.length, 0);
      t.diagnostic(`${all.length} awards, none lost, ${copies - all.length} delivered twice (at-least-once)`);
      assert.deepEqual(
        new Set(all.flatMap((id) => seen.get(id)!.map((m) => m.headers['config-version']))),
        new Set([String(h.core.loaded.version)]),
      );
      assert.ok(all.every((id) => seen.get(id)!.every((m) => m.key === shardAt(ZONE.lat, ZONE.lng))));
      await waitFor('the outbox to drain', async () => (await h.store.outbox.stats()).depth === 0);
      assert.ok((await metric('loot_award_relay_published_total')) >= all.length);
    } finally {
      await sub.close();
    }
  });
});
