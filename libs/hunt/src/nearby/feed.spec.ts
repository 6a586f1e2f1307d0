import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOOT_AWARDED_TOPIC, lootAwardedV1, TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, ulid } from '@hunt/contracts';
import { createInMemoryEventBus } from '@hunt/event-bus';
import { waitFor } from '@hunt/event-bus/testing';
import { AWARD_LEAD_MS, startNearbyFeed } from './feed';
import { createNearbyIndex, type NearbyIndex } from './nearby-index';

const TTL_S = 600;
const NOW = 1_800_000_000_000;
const S = 1000;

/** The in-memory bus stamps messages with `clock.ms`; the index records what the feed handed it. */
function world() {
  const clock = { ms: 0 };
  const bus = createInMemoryEventBus({ configVersion: 1, now: () => clock.ms });
  const base = createNearbyIndex();
  const added: string[] = [];
  const claimed: string[] = [];
  const index: NearbyIndex = {
    ...base,
    add: (...args: Parameters<NearbyIndex['add']>) => (added.push(args[0].id), base.add(...args)),
    claimed: (...args: Parameters<NearbyIndex['claimed']>) => (claimed.push(args[0]), base.claimed(...args)),
  };
  const spawn = async (id: string, spawnedAt: number, sentAt = spawnedAt) => {
    clock.ms = sentAt;
    const value = {
      treasure_id: id,
      zone_id: 'old-town',
      lat: 53.55,
      lng: 9.99,
      tier: 'common',
      spawned_at: spawnedAt,
      expires_at: spawnedAt + TTL_S * S,
      config_version: 1,
    };
    await bus.publish({ topic: TREASURE_SPAWNED_TOPIC, key: 'old-town', schema: treasureSpawnedV1, value });
  };
  const award = async (id: string, sentAt: number) => {
    clock.ms = sentAt;
    const value = {
      ...{ treasure_id: id, zone_id: 'old-town', player_id: 'ada', season_id: 's1', tier: 'common', item: 'coin' },
      ...{ value: 1, multiplier: 1, points: 1, claimed_at: sentAt, loot_config_version: 1, spawn_config_version: 1 },
    };
    await bus.publish({ topic: LOOT_AWARDED_TOPIC, key: 'old-town', schema: lootAwardedV1, value });
  };
  return { clock, bus, index, added, claimed, spawn, award };
}

test('a new replica reads spawns of the last TTL and awards from AWARD_LEAD_MS before that', async () => {
  const w = world();
  const [expired, live, claimed, lateSent] = [1, 2, 3, 4].map((i) => ulid(NOW - 2000 * S + i));
  await w.award(ulid(NOW - 3000 * S), NOW - TTL_S * S - AWARD_LEAD_MS - S); // before the award start
  await w.spawn(expired!, NOW - TTL_S * S - S);
  // Claimed soon after it spawned; the loot relay's clock runs 6 minutes behind the spawner's.
  await w.award(claimed!, NOW - 550 * S - 360 * S);
  await w.spawn(claimed!, NOW - 550 * S);
  await w.spawn(live!, NOW - 500 * S);
  await w.spawn(lateSent!, NOW - TTL_S * S - 5 * S, NOW - 100 * S); // sent late: read, but expired
  w.clock.ms = NOW;
  const feed = await startNearbyFeed({ bus: w.bus, index: w.index, now: () => NOW, treasureTtlS: TTL_S });
  try {
    await waitFor('the replayed events', () => w.added.length >= 3 && w.claimed.length >= 1);
    assert.deepEqual(w.added, [claimed, live, lateSent], 'no spawn sent before now - ttl is read');
    assert.deepEqual(w.claimed, [claimed], 'no award sent before the award start is read');
    assert.equal(w.index.listed(live!, NOW), true);
    assert.equal(w.index.listed(claimed!, NOW), false, 'a replayed spawn whose award was replayed is not listed');
    assert.equal(w.index.listed(lateSent!, NOW), false);
    assert.equal(w.index.size(), 1);
  } finally {
    await feed.close();
    await w.bus.close();
  }
});

test('an award read before its spawn keeps the spawn unlisted for AWARD_LEAD_MS (the tombstone window)', async () => {
  const w = world();
  const clock = { ms: NOW };
  const feed = await startNearbyFeed({ bus: w.bus, index: w.index, now: () => clock.ms, treasureTtlS: TTL_S });
  try {
    const [kept, forgotten] = [ulid(NOW), ulid(NOW + 1)];
    await w.award(kept, NOW);
    await w.award(forgotten, NOW);
    await waitFor('both awards', () => w.claimed.length === 2);
    for (const [id, at] of [
      [kept, NOW + AWARD_LEAD_MS - 1],
      [forgotten, NOW + AWARD_LEAD_MS],
    ] as const) {
      clock.ms = at;
      w.index.sweep(at);
      await w.spawn(id, at);
      await waitFor(`the spawn of ${id}`, () => w.added.includes(id));
    }
    assert.equal(w.index.listed(kept, clock.ms), false, 'within the window the award still hides its spawn');
    assert.equal(w.index.listed(forgotten, clock.ms), true, 'after it, the index has forgotten the award');
  } finally {
    await feed.close();
    await w.bus.close();
  }
});
