import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, type ConfigProblem } from './config-error';
import { parseConfig } from './parse';
import { editConfigText, VALID_CONFIG_TOML } from './testing';

interface BadCase {
  name: string;
  edits: Record<string, string>;
  keyPath: string;
  /** Text on the line the problem must point at. */
  at: string;
  message: RegExp;
}

const cases: BadCase[] = [
  {
    name: 'version zero',
    edits: { 'version = 7': 'version = 0' },
    keyPath: 'version',
    at: 'version = 0',
    message: /at least 1/,
  },
  {
    name: 'version not an integer',
    edits: { 'version = 7': 'version = 7.5' },
    keyPath: 'version',
    at: 'version = 7.5',
    message: /integer/,
  },
  {
    name: 'version as a string',
    edits: { 'version = 7': 'version = "7"' },
    keyPath: 'version',
    at: 'version = "7"',
    message: /must be an integer, got string/,
  },
  {
    name: 'version missing',
    edits: { 'version = 7\n': '' },
    keyPath: 'version',
    at: '#:schema',
    message: /must be an integer, got nothing/,
  },
  {
    name: 'unknown top-level key',
    edits: { 'version = 7': 'version = 7\nverison = 8' },
    keyPath: 'verison',
    at: 'verison = 8',
    message: /unknown key "verison"/,
  },
  {
    name: 'typo in a nested key',
    edits: { 'decay_s = 10': 'decay_sec = 10' },
    keyPath: 'multiplier.decay_sec',
    at: 'decay_sec = 10',
    message: /unknown key/,
  },
  {
    name: 'missing key names its table',
    edits: { 'decay_s = 10\n': '' },
    keyPath: 'multiplier.decay_s',
    at: '[multiplier]',
    message: /missing/,
  },
  {
    name: 'missing table',
    edits: { '[claim]\nradius_m = 25\nmax_speed_mps = 30\n': '' },
    keyPath: 'claim',
    at: '#:schema',
    message: /missing table \[claim\]/,
  },
  {
    name: 'nan rejected',
    edits: { 'radius_m = 25': 'radius_m = nan' },
    keyPath: 'claim.radius_m',
    at: 'radius_m = nan',
    message: /nan/,
  },
  {
    name: 'infinity rejected',
    edits: { 'max_speed_mps = 30': 'max_speed_mps = inf' },
    keyPath: 'claim.max_speed_mps',
    at: 'max_speed_mps = inf',
    message: /finite/,
  },
  {
    name: 'negative infinity rejected',
    edits: { 'step = 0.5': 'step = -inf' },
    keyPath: 'multiplier.step',
    at: 'step = -inf',
    message: /finite/,
  },
  {
    name: 'negative rate',
    edits: { 'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = -0.1' },
    keyPath: 'spawn.base_density_per_km2_s',
    at: 'base_density_per_km2_s = -0.1',
    message: /at least 0/,
  },
  {
    name: 'rate above range',
    edits: { 'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 5000' },
    keyPath: 'spawn.base_density_per_km2_s',
    at: 'base_density_per_km2_s = 5000',
    message: /at most 1000/,
  },
  {
    name: 'ttl zero',
    edits: { 'treasure_ttl_s = 300': 'treasure_ttl_s = 0' },
    keyPath: 'spawn.treasure_ttl_s',
    at: 'treasure_ttl_s = 0',
    message: /at least 1/,
  },
  {
    name: 'throttle cap fractional',
    edits: { 'throttle_cap_per_s = 100': 'throttle_cap_per_s = 1.5' },
    keyPath: 'spawn.throttle_cap_per_s',
    at: 'throttle_cap_per_s = 1.5',
    message: /integer/,
  },
  {
    name: 'multiplier max below 1',
    edits: { 'max = 4.0': 'max = 0.5' },
    keyPath: 'multiplier.max',
    at: 'max = 0.5',
    message: /within 1\.\.100/,
  },
  {
    name: 'decay too long',
    edits: { 'decay_s = 10': 'decay_s = 99999' },
    keyPath: 'multiplier.decay_s',
    at: 'decay_s = 99999',
    message: /at most 3600/,
  },
  {
    name: 'rate limit zero',
    edits: { 'claims_per_minute = 60': 'claims_per_minute = 0' },
    keyPath: 'rate_limits.claims_per_minute',
    at: 'claims_per_minute = 0',
    message: /at least 1/,
  },
  {
    name: 'ramp below 1',
    edits: { 'ramp_per_minute = 1.5': 'ramp_per_minute = 0.9' },
    keyPath: 'limits.ramp_per_minute',
    at: 'ramp_per_minute = 0.9',
    message: /at least 1/,
  },
  {
    name: 'season id not a slug',
    edits: { 'id = "test-season"': 'id = "Test Season"' },
    keyPath: 'season.id',
    at: 'id = "Test Season"',
    message: /lowercase/,
  },
  {
    name: 'season local date-time',
    edits: { 'starts_at = 2026-01-01T00:00:00Z': 'starts_at = 2026-01-01T00:00:00' },
    keyPath: 'season.starts_at',
    at: 'starts_at = 2026-01-01T00:00:00',
    message: /with Z or an offset/,
  },
  {
    name: 'season ends before it starts',
    edits: { 'ends_at = 2026-04-01T00:00:00Z': 'ends_at = 2025-04-01T00:00:00Z' },
    keyPath: 'season.ends_at',
    at: 'ends_at = 2025',
    message: /after starts_at/,
  },
  {
    name: 'zone latitude out of range',
    edits: { 'bounds = { min_lat = 10.0': 'bounds = { min_lat = 100.0' },
    keyPath: 'zones[0].bounds.min_lat',
    at: 'min_lat = 100.0',
    message: /-90\.\.90/,
  },
  {
    name: 'zone bounds inverted',
    edits: { 'max_lng = 20.02 }': 'max_lng = 19.5 }' },
    keyPath: 'zones[0].bounds.max_lng',
    at: 'max_lng = 19.5',
    message: /greater than min_lng/,
  },
  {
    name: 'zone unknown bounds key',
    edits: { 'max_lng = -5.0 }': 'max_lng = -5.0, alt = 3 }' },
    keyPath: 'zones[1].bounds.alt',
    at: 'alt = 3',
    message: /unknown key "alt"/,
  },
  {
    name: 'zone spawn modifier negative',
    edits: { 'spawn_rate = 2.0': 'spawn_rate = -2' },
    keyPath: 'zones[1].modifiers.spawn_rate',
    at: 'spawn_rate = -2',
    message: /at least 0/,
  },
  {
    name: 'zone with both a box and a polygon',
    edits: { 'region = "north"\n': 'region = "north"\npolygon = []\n' },
    keyPath: 'zones[0]',
    at: '[[zones]]\nid = "alpha"',
    message: /either `bounds` or `polygon`, not both/,
  },
  {
    name: 'zone naming a region that does not exist',
    edits: { 'region = "south"': 'region = "west"' },
    keyPath: 'zones[1].region',
    at: 'region = "west"',
    message: /no region named "west" \(regions: north, south\)/,
  },
  {
    name: 'region ring not closed',
    edits: {
      '  { lat = 10.02, lng = 20.0 },\n  { lat = 10.0, lng = 20.0 },\n]':
        '  { lat = 10.02, lng = 20.0 },\n  { lat = 10.0, lng = 20.001 },\n]',
    },
    keyPath: 'regions[0].polygon[4]',
    at: '{ lat = 10.0, lng = 20.001 }',
    message: /not closed: the last point must equal the first/,
  },
  {
    name: 'region ring clockwise',
    edits: {
      '{ lat = -5.02, lng = -5.0 },\n  { lat = -5.0, lng = -5.0 },\n  { lat = -5.0, lng = -5.02 },':
        '{ lat = -5.0, lng = -5.02 },\n  { lat = -5.0, lng = -5.0 },\n  { lat = -5.02, lng = -5.0 },',
    },
    keyPath: 'regions[1].polygon',
    at: 'polygon = [\n  { lat = -5.02',
    message: /runs clockwise/,
  },
  {
    name: 'region ring crossing itself',
    edits: {
      '  { lat = 10.0, lng = 20.02 },\n  { lat = 10.02, lng = 20.02 },':
        '  { lat = 10.02, lng = 20.02 },\n  { lat = 10.0, lng = 20.02 },',
    },
    keyPath: 'regions[0].polygon[2]',
    at: '{ lat = 10.0, lng = 20.02 },',
    message: /intersects itself/,
  },
  {
    name: 'zone outside its region',
    edits: { 'region = "north"': 'region = "south"' },
    keyPath: 'zones[0]',
    at: '[[zones]]\nid = "alpha"',
    message: /cells lie outside its region "south"/,
  },
  {
    name: 'zones overlapping',
    edits: {
      'bounds = { min_lat = -5.02, min_lng = -5.02, max_lat = -5.0, max_lng = -5.0 }':
        'bounds = { min_lat = 10.0, min_lng = 20.01, max_lat = 10.02, max_lng = 20.02 }',
      'region = "south"': 'region = "north"',
    },
    keyPath: 'zones[1]',
    at: '[[zones]]\nid = "beta"',
    message: /shares \d+ cells with zones\[0\] \("alpha"\): zones may not overlap/,
  },
  {
    name: 'too many cells for the limit',
    edits: { 'max_step_ratio_per_minute = 1.5': 'max_step_ratio_per_minute = 1.5\nmax_cells = 50' },
    keyPath: 'limits.max_cells',
    at: 'max_cells = 50',
    message: /tiles into 103 cells, more than limits.max_cells \(50\)/,
  },
  {
    name: 'second zone missing name',
    edits: { 'name = "Beta"\n': '' },
    keyPath: 'zones[1].name',
    at: '[[zones]]\nid = "beta"',
    message: /missing/,
  },
  {
    name: 'duplicate zone ids',
    edits: { 'id = "beta"': 'id = "alpha"' },
    keyPath: 'zones[1].id',
    at: 'id = "alpha"\nname = "Beta"',
    message: /duplicate id "alpha" \(also zones\[0\]\): zones and regions share one id space/,
  },
  {
    name: 'loot weight negative',
    edits: { '{ item = "map", weight = 1, value = 9 }': '{ item = "map", weight = -1, value = 9 }' },
    keyPath: 'tiers.common.loot[1].weight',
    at: 'item = "map"',
    message: /greater than 0/,
  },
  {
    name: 'loot value fractional',
    edits: { 'value = 100 }': 'value = 1.5 }' },
    keyPath: 'tiers.rare.loot[0].value',
    at: 'item = "crown"',
    message: /integer/,
  },
  {
    name: 'tier with empty loot',
    edits: { 'loot = [{ item = "crown", weight = 1, value = 100 }]': 'loot = []' },
    keyPath: 'tiers.rare.loot',
    at: 'loot = []',
    message: /at least one loot entry/,
  },
  {
    name: 'tier unknown key',
    edits: { 'weight = 20': 'weight = 20\nrarity = "high"' },
    keyPath: 'tiers.rare.rarity',
    at: 'rarity = "high"',
    message: /unknown key/,
  },
  {
    name: 'all tier weights zero',
    edits: { 'weight = 80': 'weight = 0', 'weight = 20': 'weight = 0' },
    keyPath: 'tiers',
    at: '#:schema',
    message: /positive sum/,
  },
  {
    name: 'table given a scalar',
    edits: { '[claim]\nradius_m = 25\nmax_speed_mps = 30\n': '', 'version = 7': 'version = 7\nclaim = 3' },
    keyPath: 'claim',
    at: 'claim = 3',
    message: /must be a table, got number/,
  },
  {
    name: 'syntax: missing value',
    edits: { 'radius_m = 25': 'radius_m =' },
    keyPath: 'radius_m',
    at: 'radius_m =',
    message: /TOML syntax error/,
  },
  {
    name: 'syntax: duplicate key',
    edits: { 'radius_m = 25': 'radius_m = 25\nradius_m = 26' },
    keyPath: 'radius_m',
    at: 'radius_m = 26',
    message: /TOML syntax error/,
  },
  {
    name: 'syntax: unclosed table header',
    edits: { '[limits]': '[limits' },
    keyPath: 'limits',
    at: '[limits',
    message: /TOML syntax error/,
  },
];

function lineOf(text: string, marker: string): number {
  const index = text.indexOf(marker);
  assert.ok(index >= 0, `marker "${marker}" not in the test config`);
  return text.slice(0, index).split('\n').length;
}

function problemsOf(text: string): readonly ConfigProblem[] {
  try {
    parseConfig(text, 'hunt.toml');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the config was accepted');
}

describe('parseConfig rejects bad input, naming the line and key path', () => {
  test('the valid test config parses', () => {
    assert.equal(parseConfig(VALID_CONFIG_TOML, 'hunt.toml').version, 7);
  });

  for (const c of cases) {
    test(c.name, () => {
      const text = editConfigText(c.edits);
      const problems = problemsOf(text);
      const problem = problems.find((p) => p.keyPath === c.keyPath);
      assert.ok(
        problem,
        `no problem at ${c.keyPath}; got:\n${problems.map((p) => `${p.keyPath}: ${p.message}`).join('\n')}`,
      );
      assert.equal(problem.line, lineOf(text, c.at), `line of ${c.keyPath}`);
      assert.match(problem.message, c.message);
      assert.equal(problem.file, 'hunt.toml');
    });
  }

  test('at least 25 distinct bad inputs are covered', () => {
    assert.ok(new Set(cases.map((c) => c.name)).size >= 25);
  });

  test('every problem in a file is reported at once, in line order', () => {
    const text = editConfigText({
      'version = 7': 'version = 0',
      'radius_m = 25': 'radius_m = -1',
      'decay_s = 10': 'decay_sec = 1',
    });
    const problems = problemsOf(text);
    const paths = problems.map((p) => p.keyPath);
    for (const expected of ['version', 'claim.radius_m', 'multiplier.decay_sec', 'multiplier.decay_s']) {
      assert.ok(paths.includes(expected), `missing ${expected} in ${paths.join(', ')}`);
    }
    const lines = problems.map((p) => p.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  test('the message is one "<file>:<line>:<col> <key.path>: <message>" line per problem', () => {
    const text = editConfigText({ 'radius_m = 25': 'radius_m = -1' });
    try {
      parseConfig(text, 'cfg/hunt.toml');
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(
        error.message,
        `cfg/hunt.toml:${lineOf(text, 'radius_m = -1')}:1 claim.radius_m: radius_m must be greater than 0`,
      );
    }
  });

  test('a column points into an inline table', () => {
    const text = editConfigText({ 'max_lat = 10.02': 'max_lat = 95' });
    const problem = problemsOf(text).find((p) => p.keyPath === 'zones[0].bounds.max_lat');
    const lineText = text.split('\n')[lineOf(text, 'max_lat = 95') - 1]!;
    assert.equal(problem?.col, lineText.indexOf('max_lat') + 1);
  });
});
