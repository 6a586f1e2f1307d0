import assert from 'node:assert/strict';
import { test } from 'node:test';
import { worldOf } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { seededRandom } from '@hunt/spawn-core';
import { loadConfigFile } from '@hunt/static-config';
import { shardAt } from '@hunt/world';
import { createNearbyIndex, DEFAULT_RADIUS_M, MAX_NEARBY } from '@hunt/hunt';
import {
  baseInstant,
  drawSpawns,
  peakOf,
  playablePoints,
  SHIPPED_CONFIG_FILE,
  totalRate,
} from '../bench/lib/shipped-world';

/**
 * The shipped world as a player meets it (README, "The game model"): the steady state at the
 * base rate (season start, outside the windows) is rate x TTL live treasures spawned exactly as
 * the spawner spawns them (shard rates, zone drawn by rate, cell, point in cell; the benches'
 * drawSpawns); from random playable spots the default-radius read must find treasures nearly
 * everywhere.
 */
const config = loadConfigFile(SHIPPED_CONFIG_FILE).config;
const world = worldOf(config);
const AT = baseInstant(config); // noon of day one: no window open
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
  const base = world.zones.reduce((sum, z) => sum + d.at(z.id, AT)!.spawnRatePerS, 0);
  assert.ok(base >= 300 && base <= 400, `base ${base.toFixed(1)}/s (README: about 330)`);
  // The season's highest minute (late season, curve x2, during happy hour, x2), as diff reports it.
  const peak = peakOf(config).ratePerS;
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
  const index = createNearbyIndex();
  const spawns = drawSpawns({
    config,
    rateAtMs: AT,
    count: Math.round(totalRate(config, AT) * TTL_S),
    random,
    spawnedAt: () => AT,
  });
  for (const e of spawns) {
    const place = { zoneId: e.zone_id, shardId: shardAt(e.lat, e.lng) };
    index.add({ id: e.treasure_id, ...place, lat: e.lat, lng: e.lng, tier: e.tier, expiresAtMs: e.expires_at }, AT);
  }
  const live = index.size();
  assert.ok(live > 150_000 && live < 300_000, `${live} live treasures (README: about 200,000)`);

  const counts: number[] = [];
  for (const spot of playablePoints(config, 1000, random)) {
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
  assert.ok(counts[50]! >= 80, `5th percentile ${counts[50]} (README: 110-130)`);
  assert.ok(counts[0]! >= 20, `fewest ${counts[0]} (README: none fewer than about 40)`);
  assert.ok(counts[500]! > MAX_NEARBY, `median ${counts[500]}: the read lists the nearest ${MAX_NEARBY}`);
});
