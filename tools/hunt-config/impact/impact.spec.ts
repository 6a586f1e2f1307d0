import type { HuntConfig } from '@hunt/config-schema';
import { testConfigWith } from '@hunt/difficulty/testing';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytesPerSpawnEvent } from './kafka-load';
import { compareSides, renderMarkdown } from './report';
import { describeSide } from './side';

// The test config: region north is one zone, alpha (a 0.02° box); region south is zone beta.
const ALPHA = 'region = "north"\nbounds = { min_lat = 10.0, min_lng = 20.0, max_lat = 10.02, max_lng = 20.02 }';
/** Alpha as the south-west quarter of north, so north has a rest of its own. */
const QUARTER = 'region = "north"\nbounds = { min_lat = 10.0, min_lng = 20.0, max_lat = 10.01, max_lng = 20.01 }';
const GAMMA = `
[[zones]]
id = "gamma"
name = "Gamma"
region = "north"
modifiers = { spawn_rate = 10.0 }
bounds = { min_lat = 10.01, min_lng = 20.01, max_lat = 10.02, max_lng = 20.02 }
`;
const BUMP = { 'version = 7': 'version = 8' };

const compare = (base: HuntConfig, next: HuntConfig) =>
  compareSides(describeSide(base, 'base.toml'), describeSide(next, 'next.toml'));
const rateGrowth = (r: ReturnType<typeof compare>) =>
  r.violations.filter((v) => v.rule === 'rate-growth').map((v) => [v.subject, v.keys.map((k) => k.key)]);

describe('guardrails judge rates per region and per zone', () => {
  test("the story's change (density x3, decay faster) is one violation per region, naming its zones", () => {
    const r = compare(
      testConfigWith(''),
      testConfigWith('', {
        ...BUMP,
        'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 1.5',
        'decay_s = 10': 'decay_s = 4',
      }),
    );
    assert.deepEqual(rateGrowth(r), [
      ['region:north', ['spawn.base_density_per_km2_s']],
      ['region:south', ['spawn.base_density_per_km2_s']],
    ]);
    const north = r.violations.find((v) => v.subject === 'region:north')!;
    assert.match(
      north.message,
      /^region north: peak spawn rate [\d.]+ -> [\d.]+ events\/s \(x3\) exceeds limits\.max_rate_change_ratio 2; zones over it: alpha x3$/,
    );
    assert.ok(r.violations.some((v) => v.rule === 'decay-speed' && !v.acknowledged));
  });

  test('a zone tripling inside a region that does not is a zone violation, caused by its modifier alone', () => {
    const base = testConfigWith('', { [ALPHA]: QUARTER });
    const next = testConfigWith('', { ...BUMP, [ALPHA]: `${QUARTER}\nmodifiers = { spawn_rate = 3.0 }` });
    const r = compare(base, next);
    assert.deepEqual(rateGrowth(r), [['zone:alpha', ['zones.0.modifiers.spawn_rate']]]);
  });

  test('a redrawn zone is caught through its rate; the rest of its region shrinks and can vanish', () => {
    const r = compare(testConfigWith('', { [ALPHA]: QUARTER }), testConfigWith('', BUMP));
    const [[subject, keys]] = rateGrowth(r) as [[string, string[]]];
    assert.equal(subject, 'zone:alpha');
    assert.deepEqual(keys, ['zones.0.bounds.max_lat', 'zones.0.bounds.max_lng']);
    assert.deepEqual(r.areas.zonesRemoved, ['north'], "alpha now covers north: north's rest is gone");
    const alpha = r.next.profile.zones.find((z) => z.id === 'alpha')!;
    assert.equal(alpha.cellCount, r.next.profile.regions.find((z) => z.id === 'north')!.cellCount);
  });

  test('a new busy zone has no before: its region is judged, and its keys can be acknowledged one by one', () => {
    const base = testConfigWith('', { [ALPHA]: QUARTER });
    const r = compare(base, testConfigWith(GAMMA, { ...BUMP, [ALPHA]: QUARTER }));
    assert.deepEqual(r.areas.zonesAdded, ['gamma']);
    const [[subject, keys]] = rateGrowth(r) as [[string, string[]]];
    assert.equal(subject, 'region:north');
    assert.ok(keys.includes('zones.2.modifiers.spawn_rate'), keys.join(', '));
    const spawnRate = r.changes.find((c) => c.key === 'zones.2.modifiers.spawn_rate');
    assert.deepEqual(spawnRate, { key: 'zones.2.modifiers.spawn_rate', from: undefined, to: 10 });
  });
});

describe('the report', () => {
  const base = testConfigWith('', { [ALPHA]: QUARTER });
  const next = testConfigWith(GAMMA, {
    ...BUMP,
    [ALPHA]: QUARTER,
    'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 5.0',
  });
  const r = compare(base, next);
  const markdown = renderMarkdown(r);

  test('rates per region and per zone, the rest of a region labelled, zones added listed; never a cell id', () => {
    const section = (title: string) => markdown.slice(markdown.indexOf(title)).split('\n\n')[1]!;
    const regions = section('## Spawn rate per region');
    assert.match(regions, /^\| north \| \d+ \| \d+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| x[\d.]+ \|$/m);
    assert.match(regions, /^\| south \| /m);
    assert.match(markdown, /^\| gamma \| north \| - \| \d+ \| - \| [\d.]+ \| - \| [\d.]+ \| new \|$/m);
    assert.match(markdown, /^\| north \(rest\) \| north \| \d+ \| \d+ \|/m);
    assert.match(markdown, /^- zones added: gamma$/m);
    assert.match(section('## World'), /^\| before \| 2 \| 2 \| \d+ \| [\d.]+ \| \d+ \|/m);
    assert.doesNotMatch(markdown, /\b8[0-9a-f]{14}\b/, 'no H3 cell id in the report');
  });

  test('the Kafka load compares the peak with the throttle cap and the bus, and says what the cap drops', () => {
    const k = r.next.kafka;
    assert.ok(k.demandPerS > k.throttleCapPerS, `${k.demandPerS} over the test cap ${k.throttleCapPerS}`);
    assert.equal(k.publishedPerS, k.throttleCapPerS);
    assert.ok(Math.abs(k.droppedPerS - (k.demandPerS - k.throttleCapPerS)) < 1e-9);
    assert.match(markdown, /^\| after \| [\d.]+ \| 2026-.*Z \| 100 \| 100 \| [\d.]+ \| [\d.]+ \| 1000 \|$/m);
    assert.match(markdown, /the spawners drop [\d.]+ spawns\/s at the peak/);
  });

  test('one spawn event costs a few hundred bytes: value, shard key, headers, record overhead', () => {
    const bytes = bytesPerSpawnEvent(next);
    assert.ok(bytes > 200 && bytes < 400, `${bytes} bytes`);
  });

  test('one acknowledgement block lists each blocking key once, ready to paste', () => {
    const block = markdown.slice(markdown.indexOf('```toml'));
    const keys = [...block.matchAll(/\{ key = "([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(keys.includes('spawn.base_density_per_km2_s'));
    assert.match(block, /\{ key = "zones\.2\.id", to = "gamma", reason = "\.\.\." \}/);
  });
});
