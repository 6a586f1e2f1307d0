import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig, worldOf } from '@hunt/config-schema';
import { editConfigText } from '@hunt/config-schema/testing';
import { createDifficulty } from '@hunt/difficulty';
import { seededRandom } from './rng';
import { createShardRates, pickPart } from './shard-rates';

// One region with a named zone (spawn x3) and its remainder, over several shards.
const config = parseConfig(
  editConfigText({
    'bounds = { min_lat = 10.0, min_lng = 20.0, max_lat = 10.02, max_lng = 20.02 }':
      'bounds = { min_lat = 10.005, min_lng = 20.005, max_lat = 10.015, max_lng = 20.015 }\nmodifiers = { spawn_rate = 3.0 }',
  }),
  'test.toml',
);
const AT = Date.parse('2026-01-10T12:00:00Z');

test("shards split each zone's rate by area: the shards add up to the zones, parts to their shard", () => {
  const rates = createShardRates(config);
  const d = createDifficulty(config);
  const world = worldOf(config);
  assert.ok(world.zone('north')?.remainder, 'the region keeps a remainder around alpha');
  const byZone = new Map<string, number>();
  for (const shard of rates.shardIds) {
    const r = rates.at(shard, AT)!;
    assert.ok(Math.abs(r.parts.reduce((s, p) => s + p.ratePerS, 0) - r.targetPerS) < 1e-9);
    for (const p of r.parts) byZone.set(p.zoneId, (byZone.get(p.zoneId) ?? 0) + p.ratePerS);
  }
  for (const zone of world.zones) {
    const want = d.at(zone.id, AT)!.spawnRatePerS;
    assert.ok(Math.abs(byZone.get(zone.id)! - want) < 1e-9 * want, `${zone.id}: ${byZone.get(zone.id)} vs ${want}`);
  }
  assert.equal(rates.at('nope', AT), undefined);
  assert.equal(rates.at(rates.shardIds[0]!, AT), rates.at(rates.shardIds[0]!, AT + 59_000), 'memoised for the minute');
});

test('a part is drawn in proportion to its rate', () => {
  const rates = createShardRates(config);
  const shard = rates.shardIds.find((s) => rates.at(s, AT)!.parts.length > 1)!;
  const r = rates.at(shard, AT)!;
  const random = seededRandom(5);
  const counts = new Map<string, number>();
  const n = 40_000;
  for (let i = 0; i < n; i++) {
    const part = pickPart(r, random());
    counts.set(part.zoneId, (counts.get(part.zoneId) ?? 0) + 1);
  }
  for (const p of r.parts) {
    const share = p.ratePerS / r.targetPerS;
    const got = (counts.get(p.zoneId) ?? 0) / n;
    assert.ok(
      Math.abs(got - share) < 4 * Math.sqrt((share * (1 - share)) / n) + 1e-9,
      `${p.zoneId}: ${got} vs ${share}`,
    );
  }
  assert.equal(
    pickPart({ ...r, targetPerS: 0, parts: r.parts.map((p) => ({ ...p, ratePerS: 0 })) }, 0.5).zoneId,
    r.parts[0]!.zoneId,
  );
});
