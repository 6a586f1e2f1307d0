import { worldOf } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { MINUTE_MS, SEASON_START_MS, testConfigWith } from '@hunt/difficulty/testing';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildChart, chooseBucketMinutes, MAX_POINTS_PER_SERIES, TOP_ZONES, type Series } from './series';

const HAPPY_HOUR = `
[curves.spawn_rate]
interpolation = "linear"
keyframes = [{ at = "0m", value = 1.0 }, { at = "90d", value = 2.0 }]

[curves.rarity.rare]
interpolation = "linear"
keyframes = [{ at = "0m", value = 1.0 }, { at = "90d", value = 3.0 }]

[[windows]]
name = "happy-hour"
start = "18:00"
duration = "1h"
spawn_rate = 2.0
`;
const config = testConfigWith(HAPPY_HOUR);
const next = testConfigWith(HAPPY_HOUR, {
  'version = 7': 'version = 8',
  'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 0.7',
});
const DAY_MS = 1440 * MINUTE_MS;
/** A series' value at a minute from the difficulty lib: a region sums its zones (its rest included). */
const rateAt = (s: Series, t: number) => {
  const d = createDifficulty(config);
  const zones = s.panel === 'region' ? worldOf(config).zones.filter((z) => z.regionId === s.key) : [{ id: s.key }];
  return zones.reduce((sum, z) => sum + d.at(z.id, t)!.spawnRatePerS, 0);
};

describe('buildChart', () => {
  test('over a day every bucket is one minute and equals the difficulty lib at that minute', () => {
    const from = SEASON_START_MS + 10 * DAY_MS;
    const chart = buildChart([{ label: 'a.toml', config }], from, from + DAY_MS);
    const d = createDifficulty(config);
    assert.equal(chart.bucketMinutes, 1);
    for (const minute of [0, 17 * 60 + 59, 18 * 60, 18 * 60 + 30, 19 * 60, 1439]) {
      const t = from + minute * MINUTE_MS;
      const at = d.zoneIds.map((z) => d.at(z, t)!);
      for (const s of chart.series) {
        const b = s.buckets[minute]!;
        assert.equal(b.t, t);
        assert.equal(b.min, b.max);
        const total = at.reduce((sum, p) => sum + p.spawnRatePerS, 0);
        const expected =
          s.panel !== 'rarity'
            ? rateAt(s, t)
            : at.reduce((sum, p) => sum + p.rarityWeights[p.tierNames.indexOf(s.key)]! * p.spawnRatePerS, 0) / total;
        assert.ok(Math.abs(b.min - expected) < 1e-12, `${s.id} at minute ${minute}: ${b.min} != ${expected}`);
      }
    }
  });

  test("over a season buckets keep each day's lowest and highest minute (the happy hour)", () => {
    const end = SEASON_START_MS + 90 * DAY_MS;
    const chart = buildChart([{ label: 'a.toml', config }], SEASON_START_MS, end);
    assert.equal(chart.bucketMinutes, 1440);
    for (const s of chart.series.filter((x) => x.panel !== 'rarity')) {
      assert.ok(s.buckets.length <= MAX_POINTS_PER_SERIES);
      for (const day of [0, 45, 89]) {
        const b = s.buckets[day]!;
        const minutes = Array.from({ length: 1440 }, (_, m) => rateAt(s, b.t + m * MINUTE_MS));
        assert.equal(b.min, Math.min(...minutes));
        assert.equal(b.max, Math.max(...minutes));
        assert.ok(b.max > 1.9 * b.min, 'the happy hour doubles the rate');
      }
    }
  });

  test('over three days the happy hour stays visible: 5-minute buckets at 2x from 18:00 to 19:00', () => {
    const from = SEASON_START_MS + 20 * DAY_MS;
    const chart = buildChart([{ label: 'a.toml', config }], from, from + 3 * DAY_MS);
    assert.equal(chart.bucketMinutes, 5);
    const alpha = chart.series.find((s) => s.id === 'zone:alpha:0')!;
    const at = (h: number, m: number) => alpha.buckets.find((b) => b.t === from + (h * 60 + m) * MINUTE_MS)!;
    assert.ok(Math.abs(at(18, 30).min / at(17, 0).max - 2) < 1e-2);
    assert.ok(Math.abs(at(19, 0).max / at(17, 0).max - 1) < 1e-2);
  });

  test('--vs doubles the series, one set per version, regions, zones and tiers listed once', () => {
    const from = SEASON_START_MS;
    const one = buildChart([{ label: 'a.toml', config }], from, from + DAY_MS);
    const two = buildChart(
      [
        { label: 'a.toml', config },
        { label: 'b.toml', config: next },
      ],
      from,
      from + DAY_MS,
    );
    assert.equal(one.series.length, 2 + 2 + 2);
    assert.equal(two.series.length, 2 * one.series.length);
    assert.deepEqual(two.regions, ['north', 'south']);
    assert.deepEqual(two.zones, ['alpha', 'beta']);
    assert.deepEqual(two.tiers, ['common', 'rare']);
    assert.deepEqual(
      two.versions.map((v) => [v.label, v.version]),
      [
        ['a.toml', 7],
        ['b.toml', 8],
      ],
    );
    assert.equal(new Set(two.series.map((s) => s.id)).size, two.series.length);
  });

  test("a world of many zones draws its regions and only the busiest named zones, never a region's rest", () => {
    // Region north grows to 10.05 N; strips above zone alpha, each twice as busy as the last.
    const strips = Array.from({ length: TOP_ZONES + 2 }, (_, i) => {
      const [from, to] = [10.02 + i * 0.0035, 10.02 + (i + 1) * 0.0035].map((x) => x.toFixed(4));
      return `[[zones]]\nid = "strip-${i}"\nname = "Strip ${i}"\nregion = "north"\nmodifiers = { spawn_rate = ${10 * 2 ** i} }\nbounds = { min_lat = ${from}, min_lng = 20.0, max_lat = ${to}, max_lng = 20.02 }\n`;
    });
    const many = testConfigWith(strips.join('\n'), {
      '{ lat = 10.02, lng = 20.02 }': '{ lat = 10.05, lng = 20.02 }',
      '{ lat = 10.02, lng = 20.0 }': '{ lat = 10.05, lng = 20.0 }',
    });
    assert.ok(worldOf(many).zone('north')?.remainder, 'the strips leave a rest of region north');
    const chart = buildChart([{ label: 'a.toml', config: many }], SEASON_START_MS, SEASON_START_MS + DAY_MS);
    assert.deepEqual(chart.regions, ['north', 'south']);
    const busiest = Array.from({ length: TOP_ZONES }, (_, i) => `strip-${TOP_ZONES + 1 - i}`);
    assert.deepEqual([...chart.zones].sort(), busiest.sort());
    assert.equal(chart.series.filter((s) => s.panel === 'zone').length, TOP_ZONES);
  });

  test('bucket sizes stay at or under the point budget', () => {
    for (const minutes of [60, 4320, 20_160, 129_600, 576_000]) {
      assert.ok(Math.ceil(minutes / chooseBucketMinutes(minutes)) <= MAX_POINTS_PER_SERIES, `${minutes} minutes`);
    }
  });
});
