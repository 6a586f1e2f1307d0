import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from './config-error';
import { parseConfig } from './parse';
import { VALID_CONFIG_TOML } from './testing';

/** Appends TOML to the valid test config and returns the problems as "line keyPath: message". */
function problems(extra: string): string[] {
  try {
    parseConfig(`${VALID_CONFIG_TOML}\n${extra}`, 'hunt.toml');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems.map((p) => `${p.line} ${p.keyPath}: ${p.message}`);
  }
  return [];
}

const base = VALID_CONFIG_TOML.split('\n').length; // the appended text starts on line base + 1

describe('difficulty invariants', () => {
  test('well-formed curves, windows and modifiers pass', () => {
    const ok = `[curves.spawn_rate]
interpolation = "smooth"
keyframes = [{ at = "0m", value = 1.0 }, { at = "10d", value = 1.5 }]
[curves.rarity.rare]
interpolation = "step"
keyframes = [{ at = "0m", value = 1.0 }, { at = "2d", value = 1.4 }]
[[windows]]
name = "happy-hour"
days = ["fri"]
start = "18:00"
duration = "90m"
spawn_rate = 2.0`;
    assert.deepEqual(problems(ok), []);
  });

  test('keyframes out of order and past the season end are reported at their "at"', () => {
    const found = problems(`[curves.loot_multiplier]
interpolation = "linear"
keyframes = [
  { at = "2d", value = 1.0 },
  { at = "1d", value = 1.1 },
  { at = "200d", value = 1.2 },
]`);
    assert.ok(
      found.includes(
        `${base + 5} curves.loot_multiplier.keyframes[1].at: keyframes must be in increasing order of "at" (1d is not after the previous one)`,
      ),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) =>
        p.startsWith(`${base + 6} curves.loot_multiplier.keyframes[2].at: 200d is after the season ends`),
      ),
      found.join('\n'),
    );
  });

  test('a step that jumps more than the per-minute ratio is refused unless marked jump', () => {
    const curve = (jump: string) => `[curves.spawn_rate]
interpolation = "step"
keyframes = [{ at = "0m", value = 1.0 }, { at = "1d", value = 3.0${jump} }]`;
    const found = problems(curve(''));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(
      found[0]!,
      new RegExp(
        `^${base + 3} curves\\.spawn_rate\\.keyframes\\[1\\]\\.value: changes by x3\\.00 within one minute .*max_step_ratio_per_minute is 1\\.5`,
      ),
    );
    assert.deepEqual(problems(curve(', jump = true')), []);
  });

  test('a linear ramp is measured per minute: fast ramps fail, slow ramps pass', () => {
    const ramp = (at: string) => `[curves.spawn_rate]
interpolation = "linear"
keyframes = [{ at = "0m", value = 1.0 }, { at = "${at}", value = 4.0 }]`;
    assert.equal(problems(ramp('2m')).length, 1);
    assert.deepEqual(problems(ramp('1h')), []);
  });

  test('curves and zone modifiers must name real tiers', () => {
    const found = problems(`[curves.rarity.mythic]
interpolation = "step"
keyframes = [{ at = "0m", value = 1.0 }]`);
    assert.deepEqual(found, [`${base + 1} curves.rarity.mythic: no tier named "mythic" (tiers: common, rare)`]);
  });

  test('malformed durations, times, weekdays and interpolations name the key', () => {
    const found = problems(`[[windows]]
name = "bad"
days = ["friday"]
start = "25:00"
duration = "1w"
[curves.spawn_rate]
interpolation = "cubic"
keyframes = [{ at = "90s", value = 0 }]`);
    const paths = found.map((p) => p.split(':')[0]);
    for (const expected of [
      `${base + 3} windows[0].days[0]`,
      `${base + 4} windows[0].start`,
      `${base + 5} windows[0].duration`,
      `${base + 7} curves.spawn_rate.interpolation`,
      `${base + 8} curves.spawn_rate.keyframes[0].at`,
      `${base + 8} curves.spawn_rate.keyframes[0].value`,
    ]) {
      assert.ok(paths.includes(expected), `missing ${expected} in\n${found.join('\n')}`);
    }
  });

  test('duplicate window names are refused', () => {
    const w = `[[windows]]\nname = "x"\nstart = "10:00"\nduration = "1h"\n`;
    assert.deepEqual(problems(w + w), [`${base + 6} windows[1].name: duplicate window name (also windows[0])`]);
  });
});
