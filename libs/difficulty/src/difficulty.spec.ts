import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { worldOf } from '@hunt/config-schema';
import { createDifficulty, difficultyAt } from './difficulty';
import { MINUTE_MS, SEASON_START_MS, testConfigWith } from './testing';

const DAY_MS = 1440 * MINUTE_MS;
const CURVES = `
[curves.spawn_rate]
interpolation = "linear"
keyframes = [{ at = "0m", value = 1.0 }, { at = "10d", value = 2.0 }]

[curves.rarity.rare]
interpolation = "step"
keyframes = [{ at = "0m", value = 1.0 }, { at = "30d", value = 1.2 }]

[[windows]]
name = "happy-hour"
start = "18:00"
duration = "1h"
spawn_rate = 2.0

[[windows]]
name = "evening"
start = "18:30"
duration = "2h"
spawn_rate = 3.0
loot_multiplier = 1.5
`;

describe('difficulty', () => {
  const config = testConfigWith(CURVES);
  const d = createDifficulty(config);
  // 2026-01-01 is a Thursday. Density 0.5 treasures/km²/s; beta's spawn modifier is 2.
  const area = (zone: string) => worldOf(config).zone(zone)!.areaKm2;
  const ALPHA = 0.5 * area('alpha');
  const BETA = 0.5 * area('beta') * 2;
  const at = (ms: number, zone = 'alpha') => d.at(zone, ms)!;

  test('the spawn curve scales the base density x the zone area x its modifier', () => {
    assert.ok(area('alpha') > 4 && area('alpha') < 5.5, `alpha is ${area('alpha')} km²`);
    assert.equal(at(SEASON_START_MS + 12 * 3600_000).spawnRatePerS, ALPHA * (1 + 720 / (10 * 1440)));
    assert.equal(at(SEASON_START_MS + 20 * DAY_MS + 12 * 3600_000, 'beta').spawnRatePerS, BETA * 2);
  });

  test('windows multiply where they overlap and are capped by limits.max_window_stack', () => {
    const day = SEASON_START_MS + 20 * DAY_MS;
    assert.equal(at(day + 18 * 3600_000 + 10 * MINUTE_MS).spawnRatePerS, ALPHA * 2 * 2);
    // 18:30-19:00: 2 x 3 = 6, capped at the default stack cap of 4.
    assert.equal(at(day + 18 * 3600_000 + 40 * MINUTE_MS).spawnRatePerS, ALPHA * 2 * 4);
    assert.equal(at(day + 19 * 3600_000 + 40 * MINUTE_MS).spawnRatePerS, ALPHA * 2 * 3);
    assert.equal(at(day + 19 * 3600_000 + 40 * MINUTE_MS).lootMultiplier, 1.5);
  });

  test('a closed off-season spawns nothing before the start and after the end', () => {
    assert.equal(at(SEASON_START_MS - MINUTE_MS).spawnRatePerS, 0);
    assert.equal(at(SEASON_START_MS - MINUTE_MS).inSeason, false);
    assert.equal(at(Date.parse('2026-04-01T00:00:00Z')).spawnRatePerS, 0);
    assert.ok(at(SEASON_START_MS).spawnRatePerS > 0);
  });

  test('a "hold" off-season keeps the curve edge values', () => {
    const hold = testConfigWith(CURVES, {
      'ends_at = 2026-04-01T00:00:00Z': 'ends_at = 2026-04-01T00:00:00Z\noff_season = "hold"',
    });
    assert.equal(difficultyAt(hold, 'alpha', SEASON_START_MS - 5 * DAY_MS)!.spawnRatePerS, ALPHA);
    assert.equal(difficultyAt(hold, 'alpha', Date.parse('2026-05-01T12:00:00Z'))!.spawnRatePerS, ALPHA * 2);
  });

  test('values resolve at whole minutes and are memoised per zone and minute', () => {
    const t = SEASON_START_MS + 3 * DAY_MS + 5 * MINUTE_MS;
    assert.equal(at(t), at(t + 59_999));
    assert.notEqual(at(t), at(t + MINUTE_MS));
    assert.deepEqual(at(t + MINUTE_MS - 1), at(t));
  });

  test('zone modifiers and rarity curves shape the tier mix', () => {
    const cfg = testConfigWith(CURVES, {
      'modifiers = { spawn_rate = 2.0 }':
        'modifiers = { spawn_rate = 0.5, loot_multiplier = 1.1, rarity = { rare = 3 } }',
    });
    const beta = difficultyAt(cfg, 'beta', SEASON_START_MS + 40 * DAY_MS + 12 * 3600_000)!;
    assert.equal(beta.spawnRatePerS, (BETA / 2) * 0.5 * 2);
    assert.equal(beta.lootMultiplier, 1.1);
    const rare = 20 * 3 * 1.2;
    assert.deepEqual(beta.rarityWeights, [80 / (80 + rare), rare / (80 + rare)]);
  });

  test('an unknown zone is undefined, not an error', () => {
    assert.equal(d.at('nowhere', SEASON_START_MS), undefined);
  });

  test('property: rates never negative, weights normalised, same inputs same outputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('alpha', 'beta'),
        fc.integer({ min: SEASON_START_MS - 30 * DAY_MS, max: SEASON_START_MS + 200 * DAY_MS }),
        (zone, t) => {
          const r = at(t, zone);
          assert.ok(r.spawnRatePerS >= 0 && r.lootMultiplier > 0 && r.multiplierDecayS > 0);
          assert.ok(Math.abs(r.rarityWeights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
          assert.ok(r.rarityWeights.every((w) => w >= 0));
          assert.deepEqual(difficultyAt(testConfigWith(CURVES), zone, t), r);
        },
      ),
      { numRuns: 200 },
    );
  });
});
