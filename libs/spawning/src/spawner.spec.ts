import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1 } from '@hunt/contracts';
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { createInMemoryEventBus } from '@hunt/event-bus';
import { createShardRates } from '@hunt/spawn-core';
import { cellAt, shardAt } from '@hunt/world';
import { createMemoryCoordination } from './memory/memory-coordination';
import type { SpawnerOptions } from './spawner';
import { counterTotal, manualClock, SEASON_MS, spawnerTestConfig, testSpawner } from './testing/spawner-harness';

/** Drives a spawner (or several) tick by tick on the manual clock. */
async function run(
  clock: ReturnType<typeof manualClock>,
  spawners: { tick(): Promise<void>; maintainLeases(): Promise<void> }[],
  ms: number,
  tickMs = 250,
) {
  for (let t = 0; t < ms; t += tickMs) {
    clock.advance(tickMs);
    if (t % 2000 === 0) for (const s of spawners) await s.maintainLeases();
    for (const s of spawners) await s.tick();
  }
}

/** A spawner alone on a manual clock at SEASON_MS, publishing to an in-memory bus. */
function spawnerOnClock(config: HuntConfig, options?: Partial<SpawnerOptions>) {
  const clock = manualClock(SEASON_MS);
  const bus = createInMemoryEventBus({ configVersion: config.version });
  const spawner = testSpawner({
    config,
    bus,
    coordination: createMemoryCoordination(clock.now),
    now: clock.now,
    options,
  });
  return { clock, bus, spawner };
}

async function settle(spawner: { buffer: { flush(deadline: number): Promise<number> } }) {
  assert.equal(await spawner.buffer.flush(Number.MAX_SAFE_INTEGER), 0);
}

describe('spawner', () => {
  test('publishes each shard at its curve rate (within 1 event per shard over a window), zones in proportion', async () => {
    const config = spawnerTestConfig({ 'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 4' });
    const { clock, bus, spawner } = spawnerOnClock(config, { rampFloorPerS: 100 });
    await spawner.maintainLeases();
    await run(clock, [spawner], 120_000);
    await settle(spawner);
    const events = bus.messages(TREASURE_SPAWNED_TOPIC).map((m) => treasureSpawnedV1.parse(JSON.parse(m.value)));
    const rates = createShardRates(config);
    assert.ok(rates.shardIds.length >= 4, `${rates.shardIds.length} shards`);
    for (const shard of rates.shardIds) {
      const expected = rates.at(shard, SEASON_MS)!.targetPerS * 120;
      const got = events.filter((e) => shardAt(e.lat, e.lng) === shard).length;
      assert.ok(Math.abs(got - expected) <= 1, `${shard}: ${got} events, expected ${expected}`);
    }
    // Inside a shard each treasure draws its zone by rate: zone totals follow the curves within
    // a few standard deviations (here every shard holds one zone, so they are exact within one per shard).
    const d = createDifficulty(config);
    const world = worldOf(config);
    for (const zone of ['alpha', 'beta']) {
      const expected = d.at(zone, SEASON_MS)!.spawnRatePerS * 120;
      const got = events.filter((e) => e.zone_id === zone).length;
      const shards = world.shards.filter((s) => s.parts.some((p) => p.zone.id === zone)).length;
      assert.ok(Math.abs(got - expected) <= shards, `${zone}: ${got} events, expected ${expected}`);
      for (const e of events.filter((x) => x.zone_id === zone))
        assert.equal(world.zoneOfCell(cellAt(e.lat, e.lng))?.id, zone);
    }
  });

  test('every event validates, is keyed by its shard and carries the config version header', async () => {
    const config = spawnerTestConfig();
    const { clock, bus, spawner } = spawnerOnClock(config);
    await spawner.maintainLeases();
    await run(clock, [spawner], 30_000);
    await settle(spawner);
    const messages = bus.messages(TREASURE_SPAWNED_TOPIC);
    assert.ok(messages.length > 10);
    for (const m of messages) {
      const e = treasureSpawnedV1.parse(JSON.parse(m.value));
      assert.equal(m.key, shardAt(e.lat, e.lng));
      assert.equal(m.headers['config-version'], String(config.version));
      assert.equal(e.config_version, config.version);
      assert.equal(e.expires_at - e.spawned_at, config.spawn.treasure_ttl_s * 1000);
    }
  });

  test('the 3x config change: published rate never exceeds the cap (plus burst), the rest is counted', async () => {
    // Curves ask for 300/km²/s over ~9.6 km² x modifiers (1, 2): about 4,400/s against a cap of 100/s.
    const config = spawnerTestConfig({
      'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 300',
      'ramp_per_minute = 1.5': 'ramp_per_minute = 100.0',
    });
    const { clock, bus, spawner } = spawnerOnClock(config, { rampFloorPerS: 1000 });
    await spawner.maintainLeases();
    let publishedBefore = 0;
    for (let second = 1; second <= 30; second++) {
      await run(clock, [spawner], 1000);
      await settle(spawner);
      const published = bus.messages(TREASURE_SPAWNED_TOPIC).length;
      const burst = 100 * 0.5;
      assert.ok(published - publishedBefore <= 100 + burst, `second ${second}: ${published - publishedBefore} events`);
      publishedBefore = published;
    }
    assert.ok(publishedBefore <= 100 * 30 + 50 && publishedBefore >= 100 * 29, `total ${publishedBefore}`);
    assert.ok((await counterTotal(spawner, 'throttled')) > 20_000);
  });

  test('unguarded (the harness switch) publishes what the curves ask at once, above the cap; the default caps', async () => {
    // About 4,400/s asked against a cap of 100/s; a shard without ramp history starts at 1/s.
    const config = spawnerTestConfig({ 'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 300' });
    const rates = createShardRates(config);
    const askedPerS = rates.shardIds.reduce((sum, s) => sum + rates.at(s, SEASON_MS)!.targetPerS, 0);
    const perSecond = async (options: Partial<SpawnerOptions>) => {
      const { clock, bus, spawner } = spawnerOnClock(config, options);
      await spawner.maintainLeases();
      const seconds: number[] = [];
      for (let second = 0; second < 3; second++) {
        const before = bus.messages(TREASURE_SPAWNED_TOPIC).length;
        await run(clock, [spawner], 1000);
        await settle(spawner);
        seconds.push(bus.messages(TREASURE_SPAWNED_TOPIC).length - before);
      }
      return { seconds, throttled: await counterTotal(spawner, 'throttled') };
    };

    // The default ramp floor (1/s a shard) would start it at a few per second: no ramp either.
    const unguarded = await perSecond({ unguarded: true });
    for (const n of unguarded.seconds)
      assert.ok(Math.abs(n - askedPerS) <= rates.shardIds.length, `${unguarded.seconds.join(',')} of ${askedPerS}/s`);
    assert.equal(unguarded.throttled, 0);

    // The same spawner without the switch, its ramp floor raised so that the cap is what holds it back.
    const guarded = await perSecond({ rampFloorPerS: 1000 });
    for (const n of guarded.seconds) assert.ok(n <= 100 + 100 * 0.5, guarded.seconds.join(','));
    assert.ok(guarded.throttled > 2 * askedPerS, `${guarded.throttled} throttled`);
  });

  test('a rise in target rate ramps at most [limits] ramp_per_minute', async () => {
    const config = spawnerTestConfig({
      'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 50',
      'throttle_cap_per_s = 100': 'throttle_cap_per_s = 100000',
    });
    const { clock, bus, spawner } = spawnerOnClock(config, { rampFloorPerS: 2 });
    await spawner.maintainLeases();
    const shard = createShardRates(config).shardIds[0]!;
    const inShard = () => bus.messages(TREASURE_SPAWNED_TOPIC).filter((m) => m.key === shard).length;
    const perMinute: number[] = [];
    for (let minute = 0; minute < 4; minute++) {
      const before = inShard();
      await run(clock, [spawner], 60_000);
      await settle(spawner);
      perMinute.push(inShard() - before);
    }
    // The shard targets tens per second; from 2/s at x1.5 per minute, minute m ends at 2 x 1.5^(m+1) /s.
    assert.ok(createShardRates(config).at(shard, SEASON_MS)!.targetPerS > 2 * 1.5 ** 4);
    for (let m = 0; m < perMinute.length; m++)
      assert.ok(perMinute[m]! <= 60 * 2 * 1.5 ** (m + 1) + 1, `minute ${m}: ${perMinute[m]}`);
    assert.ok(perMinute[3]! > perMinute[0]! * 2, perMinute.join(','));
  });

  test("two replicas never own one shard at once; a dead replica's shards move within the lease TTL", async () => {
    const config = spawnerTestConfig();
    const shards = worldOf(config).shards.length;
    const clock = manualClock(SEASON_MS);
    const coordination = createMemoryCoordination(clock.now);
    const bus = createInMemoryEventBus({ configVersion: config.version });
    const options = { leaseTtlMs: 6000 };
    const a = testSpawner({ config, bus, coordination, now: clock.now, replicaId: 'a', options });
    const b = testSpawner({ config, bus, coordination, now: clock.now, replicaId: 'b', options });
    for (let i = 0; i < 40; i++) {
      clock.advance(500);
      if (i % 4 === 0) await a.maintainLeases();
      if (i % 4 === 2) await b.maintainLeases();
      const owned = [...a.ownedShards(), ...b.ownedShards()];
      assert.equal(new Set(owned).size, owned.length, `shard owned twice at step ${i}: ${owned.join(',')}`);
    }
    assert.deepEqual(
      [a.ownedShards().length, b.ownedShards().length].sort(),
      [Math.floor(shards / 2), Math.ceil(shards / 2)],
      'shards spread evenly',
    );
    const died = clock.now();
    for (let i = 0; i < 20 && a.ownedShards().length < shards; i++) {
      clock.advance(500);
      if (i % 4 === 0) await a.maintainLeases(); // b is dead: no more maintenance or ticks
    }
    assert.equal(a.ownedShards().length, shards);
    assert.ok(clock.now() - died <= options.leaseTtlMs + 2000, `took ${clock.now() - died} ms`);
  });

  test('a full buffer drops and counts instead of growing', async () => {
    const config = spawnerTestConfig({
      'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 100',
      'throttle_cap_per_s = 100': 'throttle_cap_per_s = 100000',
    });
    const clock = manualClock(SEASON_MS);
    const never = { publish: () => new Promise<void>(() => {}) };
    const spawner = testSpawner({
      config,
      bus: never,
      coordination: createMemoryCoordination(clock.now),
      now: clock.now,
      options: { bufferCapacity: 500, maxInFlight: 100, rampFloorPerS: 1000 },
    });
    await spawner.maintainLeases();
    await run(clock, [spawner], 10_000);
    assert.ok(spawner.buffer.depth() <= 500);
    assert.ok((await counterTotal(spawner, 'dropped')) > 1000);
  });
});
