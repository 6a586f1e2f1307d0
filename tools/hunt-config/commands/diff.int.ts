/** `hunt-config diff` on the shipped world: reports per region and zone, guardrails, exit codes. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../paths';
import { committedRepo, edited, REAL, tmp, write } from '../testing/real-config';
import { runCli } from '../testing/run-cli';

describe('hunt-config diff', () => {
  test('diff: the 09:14 change (density 1.5 -> 4.5 per km² per s, decay 8 s -> 3 s) is stopped with exit 3', () => {
    const dir = tmp();
    const story = write(
      dir,
      'story.toml',
      edited({ 'base_density_per_km2_s = 1.5': 'base_density_per_km2_s = 4.5', 'decay_s = 8': 'decay_s = 3' }),
    );
    const r = runCli(['diff', join(REPO_ROOT, 'config/hunt.toml'), story]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /\| `spawn\.base_density_per_km2_s` \| 1\.5 \| 4\.5 \|/);
    assert.match(
      r.stdout,
      /\*\*BLOCKED\*\*: region berlin: peak spawn rate [\d.]+ -> [\d.]+ events\/s \(x3\) exceeds limits\.max_rate_change_ratio 2; zones over it: old-town x3, /,
    );
    assert.match(
      r.stdout,
      /\*\*BLOCKED\*\*: combo multiplier decays x2\.667 faster .* exceeding limits\.max_rate_change_ratio 2/,
    );
    assert.match(r.stdout, /caused by `spawn\.base_density_per_km2_s`/);
    assert.match(
      r.stdout,
      /^ {2}\{ key = "spawn\.base_density_per_km2_s", from = 1\.5, to = 4\.5, reason = "\.\.\." \},$/m,
    );
  });

  test('diff: acknowledging exactly those changes in [release] lets it through; a different value does not', () => {
    const dir = tmp();
    const ack = (to: string) =>
      edited({ 'base_density_per_km2_s = 1.5': `base_density_per_km2_s = ${to}`, 'decay_s = 8': 'decay_s = 3' }) +
      `\n[release]\nacknowledge = [\n  { key = "spawn.base_density_per_km2_s", from = 1.5, to = 4.5, reason = "finale event" },\n  { key = "multiplier.decay_s", from = 8, to = 3, reason = "finale event" },\n]\n`;
    const ok = runCli(['diff', join(REPO_ROOT, 'config/hunt.toml'), write(dir, 'ack.toml', ack('4.5'))]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /acknowledged in \[release\]: region berlin/);
    const other = runCli(['diff', join(REPO_ROOT, 'config/hunt.toml'), write(dir, 'other.toml', ack('6.0'))]);
    assert.equal(other.code, 3);
  });

  test('diff: a fleet peak above limits.bus_events_per_s is stopped even when no zone grows past the ratio', () => {
    const dir = tmp();
    const bus = /^bus_events_per_s = \d+$/m;
    assert.match(REAL, bus);
    const base = write(dir, 'base.toml', REAL.replace(bus, 'bus_events_per_s = 1500'));
    // +20% density: within max_rate_change_ratio, but the season's peak outgrows a 1500/s bus.
    const next = write(
      dir,
      'next.toml',
      edited({ 'base_density_per_km2_s = 1.5': 'base_density_per_km2_s = 1.8' }).replace(
        bus,
        'bus_events_per_s = 1500',
      ),
    );
    const r = runCli(['diff', base, next]);
    assert.equal(r.code, 3, r.stdout);
    const [, peak] =
      /BLOCKED\*\*: peak spawn demand ([\d.]+) events\/s \(at 2027-02-\d\dT18:00:00\.000Z\) exceeds limits\.bus_events_per_s 1500/.exec(
        r.stdout,
      ) ?? [];
    assert.ok(Number(peak) > 1500, r.stdout);
    assert.doesNotMatch(r.stdout, /max_rate_change_ratio/);
  });

  test('diff: per region and per zone (never per cell), zones added and removed, Kafka load against cap and bus', () => {
    const dir = tmp();
    const deutz = /\[\[zones\]\]\nid = "deutz"\nname = "Deutz"\n[^]*?\n\n/;
    assert.match(REAL, deutz);
    const ehrenfeld = `[[zones]]\nid = "ehrenfeld"\nname = "Ehrenfeld"\nregion = "cologne"\nbounds = { min_lat = 50.9450, min_lng = 6.9200, max_lat = 50.9530, max_lng = 6.9400 }\nmodifiers = { spawn_rate = 1.2 }\n\n`;
    const next = write(dir, 'next.toml', edited({}).replace(deutz, ehrenfeld));
    const base = join(REPO_ROOT, 'config/hunt.toml');
    const md = runCli(['diff', base, next]);
    assert.equal(md.code, 0, md.stdout + md.stderr);
    const regions = [...REAL.matchAll(/^\[\[regions\]\]\nid = "([^"]+)"/gm)].map((m) => m[1]!);
    // The n-th paragraph after a heading (the zone table follows a sentence).
    const section = (title: string, n = 1) => md.stdout.slice(md.stdout.indexOf(title)).split('\n\n')[n]!;
    const rows = (table: string) =>
      table
        .split('\n')
        .slice(2)
        .map((l) => l.split(' | ')[0]!.slice(2));
    assert.deepEqual(rows(section('## Spawn rate per region')), regions);
    // Both sides' zones: the base's (named, then each region's rest), then the new ones.
    const zones = rows(section('## Spawn rate per zone', 2)).join(',');
    assert.match(zones, /^old-town,.*,deutz,berlin \(rest\),.*,cologne \(rest\),ehrenfeld$/);
    assert.match(md.stdout, /^\| ehrenfeld \| cologne \| - \| \d+ \| - \| [\d.]+ \| - \| [\d.]+ \| new \|$/m);
    assert.match(md.stdout, /^\| deutz \| cologne \| \d+ \| - \| [\d.]+ \| - \| [\d.]+ \| - \| removed \|$/m);
    assert.match(md.stdout, /^- zones added: ehrenfeld\n- zones removed: deutz$/m);
    assert.match(section('## World'), /^\| after \| 4 \| 12 \| \d{4} \| [\d.]+ \| \d+ \|$/m);
    assert.match(
      section('## Kafka load at peak'),
      /^\| after \| [\d.]+ \| 2027-.*Z \| 1600 \| [\d.]+ \| 0 \| [\d.]+ \| 2000 \|$/m,
    );
    assert.doesNotMatch(md.stdout, /\b8[0-9a-f]{14}\b/, 'no H3 cell id');

    const json = runCli(['diff', '--format', 'json', base, next]);
    assert.equal(json.code, 0, json.stderr);
    type Rates = { id: string; peakRate: number; cellCount: number };
    const report = JSON.parse(json.stdout) as {
      next: { profile: { regions: Rates[]; zones: (Rates & { remainder: boolean })[] }; kafka: Record<string, number> };
      areas: { zonesAdded: string[]; zonesRemoved: string[] };
    };
    assert.deepEqual(
      report.next.profile.regions.map((r) => r.id),
      regions,
    );
    assert.equal(report.next.profile.zones.filter((z) => z.remainder).length, regions.length);
    assert.deepEqual([report.areas.zonesAdded, report.areas.zonesRemoved], [['ehrenfeld'], ['deutz']]);
    const { demandPerS, throttleCapPerS, busEventsPerS, publishedPerS } = report.next.kafka;
    assert.deepEqual([throttleCapPerS, busEventsPerS], [1600, 2000]);
    assert.ok(demandPerS! > 300 && publishedPerS === Math.min(demandPerS!, 1600), `${demandPerS} ${publishedPerS}`);
  });

  test('diff: loosening a guardrail is itself a violation to acknowledge', () => {
    const r = runCli([
      'diff',
      join(REPO_ROOT, 'config/hunt.toml'),
      write(tmp(), 'l.toml', edited({ 'max_rate_change_ratio = 2.0': 'max_rate_change_ratio = 10.0' })),
    ]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /BLOCKED\*\*: guardrail limits\.max_rate_change_ratio changed 2 -> 10/);
  });

  test('diff: a file against itself reports zero changes, passes its guardrails, exit 0', () => {
    const file = join(REPO_ROOT, 'config/hunt.toml');
    const markdown = runCli(['diff', file, file]);
    assert.equal(markdown.code, 0, markdown.stdout + markdown.stderr);
    assert.match(markdown.stdout, /^## Changed keys\n\nNo game-balance key changed\.$/m);
    assert.match(markdown.stdout, /^\*\*Guardrails: pass\.\*\*$/m);
    assert.match(markdown.stdout, /^## Guardrails\n\nAll changes are within `\[limits\]` of the base config\.$/m);
    assert.doesNotMatch(markdown.stdout, /BLOCKED|acknowledged/);
    const json = runCli(['diff', '--format', 'json', file, file]);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { changes: unknown[]; violations: unknown[] };
    assert.deepEqual([report.changes, report.violations], [[], []]);
  });

  test('diff --base compares against git: nothing for the committed file, the edit once it changes', () => {
    // A repository of its own, so the answer does not depend on edits in this working copy.
    const repo = committedRepo();
    const diffBase = () => {
      const r = runCli(['diff', '--base', 'HEAD', '--format', 'json', 'hunt.toml'], repo);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      return JSON.parse(r.stdout) as { changes: unknown[]; violations: unknown[] };
    };
    const committed = diffBase();
    assert.deepEqual([committed.changes, committed.violations], [[], []]);
    write(repo, 'hunt.toml', edited({ 'radius_m = 40': 'radius_m = 45' }));
    assert.deepEqual(diffBase().changes, [{ key: 'claim.radius_m', from: 40, to: 45 }]);
  });
});
