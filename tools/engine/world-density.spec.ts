import assert from 'node:assert/strict';
import { test } from 'node:test';
import { worldOf } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { createShardRates, pickPart, rollTreasure, seededRandom } from '@hunt/spawn-core';
import { loadConfigFile } from '@hunt/static-config';
import { randomPointInCell } from '@hunt/world';
import { createNearbyIndex, DEFAULT_RADIUS_M, MAX_NEARBY } from '@hunt/hunt';

/**
 * The shipped world as a player meets it (README, "The game model"): the steady state at the
 * base rate (season start, outside the windows) is rate x TTL live treasures spawned exactly as
 * the spawner spawns them (shard rates, zone drawn by rate, cell, point in cell); from random
 * playable spots the default-radius read must find treasures nearly everywhere.
 */
const config = loadConfigFile(new URL('../../config/hunt.toml', import.meta.url).pathname).config;
const world = worldOf(config);
const AT = Date.parse(config.season.starts_at) + 12 * 3600_000; // noon of day one: no window open
const TTL_S = config.spawn.treasure_ttl_s;

test('the shipped world is city-scale: at least 3 regions, 2,000 cells, several hundred spawns/s, peaks under the cap', (t) => {
  assert.ok(
    world.regions.length >= 3 && world.cellCount >= 2000,
    `${world.regions.length} regions, ${world.cellCount} cells`,
  );
  for (const region of world.regions) {
    const named = region.zoneIds.filter((id) => !world.zone(id)!.remainder);
    assert.ok(named.length >= 2, `${region.id} has named zones ${named.join(', ')}`);
  }
  const d = createDifficulty(config);
  const rateAt = (t: number) => world.zones.reduce((sum, z) => sum + d.at(z.id, t)!.spawnRatePerS, 0);
  const base = rateAt(AT);
  assert.ok(base >= 300 && base <= 400, `base ${base.toFixed(1)}/s (README: about 330)`);
  // The season's highest minute: late season (curve x2) during happy hour (x2), sampled hourly.
  let peak = 0;
  for (let t = Date.parse(config.season.starts_at); t < Date.parse(config.season.ends_at); t += 3600_000 / 2)
    peak = Math.max(peak, rateAt(t + 18 * 60_000));
  t.diagnostic(
    `base ${base.toFixed(1)}/s, peak ${peak.toFixed(0)}/s, ${world.cellCount} cells, ${world.shards.length} shards`,
  );
  assert.ok(
    peak > 3.5 * base && peak < config.spawn.throttle_cap_per_s,
    `peak ${peak.toFixed(0)}/s, cap ${config.spawn.throttle_cap_per_s}`,
  );
  assert.ok(config.spawn.throttle_cap_per_s <= config.limits.bus_events_per_s);
});

test('a player anywhere in a playable area sees treasures within the default radius', (t) => {
  const random = seededRandom(13);
  const rates = createShardRates(config);
  const index = createNearbyIndex();
  let live = 0;
  for (const shard of rates.shardIds) {
    const r = rates.at(shard, AT)!;
    const count = Math.round(r.targetPerS * TTL_S);
    for (let i = 0; i < count; i++) {
      const part = pickPart(r, random());
      const t = rollTreasure(part.cells, part.difficulty.tierNames, part.difficulty.rarityWeights, random);
      index.add({ id: `t${live++}`, zoneId: part.zoneId, shardId: shard, ...t, expiresAtMs: AT + 1 }, AT);
    }
  }
  assert.ok(live > 150_000 && live < 300_000, `${live} live treasures (README: about 200,000)`);

  const cells = world.zones.flatMap((z) => z.cells);
  const counts: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const spot = randomPointInCell(cells[Math.floor(random() * cells.length)]!, random);
    counts.push(index.near(spot.lat, spot.lng, DEFAULT_RADIUS_M, Number.MAX_SAFE_INTEGER, AT).length);
  }
  counts.sort((a, b) => a - b);
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const empty = counts.filter((c) => c === 0).length;
  t.diagnostic(
    `${live} live; within ${DEFAULT_RADIUS_M} m: mean ${mean.toFixed(1)}, p5 ${counts[50]}, p1 ${counts[10]}, min ${counts[0]}, empty ${empty}/1000`,
  );
  // Spots at a region's edge see half a circle; the Alster (x0.3) is the sparsest zone.
  assert.ok(empty <= 10, `${empty} of 1000 spots see nothing within ${DEFAULT_RADIUS_M} m`);
  assert.ok(mean > 140 && mean < 210, `mean ${mean.toFixed(0)} within ${DEFAULT_RADIUS_M} m (README: about 175)`);
  assert.ok(counts[50]! >= 80, `5th percentile ${counts[50]} (README: about 110)`);
  assert.ok(counts[0]! >= 20, `fewest ${counts[0]} (README: none fewer than about 40)`);
  assert.ok(counts[500]! > MAX_NEARBY, `median ${counts[500]}: the read lists the nearest ${MAX_NEARBY}`);
});
