import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from './paths';
import { committedRepo, edited, gitIn, lineOf, REAL, tmp, write, zoneIndex } from './testing/real-config';
import { runCli } from './testing/run-cli';

describe('hunt-config', () => {
  test('validate: the real config is valid (exit 0)', () => {
    const r = runCli(['validate']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /config\/hunt\.toml: ok \(version \d+/);
  });

  test('validate: every problem of every file, text and json, exit 1', () => {
    const dir = tmp();
    const bad = write(
      dir,
      'bad.toml',
      REAL.replace('radius_m = 40', 'radius_m = -1').replace('decay_s = 8', 'decay_sec = 8'),
    );
    const text = runCli(['validate', bad, join(REPO_ROOT, 'config/hunt.toml')]);
    assert.equal(text.code, 1);
    const line = REAL.split('\n').findIndex((l) => l.startsWith('radius_m')) + 1;
    assert.match(text.stdout, new RegExp(`^${bad}:${line}:1 claim\\.radius_m: radius_m must be greater than 0$`, 'm'));
    assert.match(text.stdout, /multiplier\.decay_sec: unknown key/);
    assert.match(text.stdout, /hunt\.toml: ok/);
    const json = runCli(['validate', '--format', 'json', bad]);
    assert.equal(json.code, 1);
    const [result] = JSON.parse(json.stdout) as { ok: boolean; problems: { keyPath: string; line: number }[] }[];
    assert.equal(result?.ok, false);
    assert.ok(result.problems.some((p) => p.keyPath === 'claim.radius_m' && p.line === line));
  });

  test('validate: geometry errors (a ring not closed, zones overlapping) as <file>:<line>:<col>, exit 1', () => {
    const dir = tmp();
    const alster = REAL.slice(REAL.indexOf('id = "alster"'));
    const closing = /\n {2}(\{ lat = [\d.]+, lng = [\d.]+ \}),\n\]/.exec(alster)!;
    const unclosed = write(
      dir,
      'unclosed.toml',
      REAL.replace(alster, alster.replace(closing[0], '\n  { lat = 53.5561, lng = 9.9950 },\n]')),
    );
    const kreuzberg = 'bounds = { min_lat = 52.4900, min_lng = 13.3900, max_lat = 52.5030, max_lng = 13.4400 }';
    assert.ok(REAL.includes(kreuzberg), 'the kreuzberg zone moved in config/hunt.toml');
    // Kreuzberg moved north onto Old Town.
    const overlap = write(
      dir,
      'overlap.toml',
      REAL.replace(kreuzberg, kreuzberg.replace('52.4900', '52.5100').replace('52.5030', '52.5230')),
    );
    const r = runCli(['validate', unclosed, overlap]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const [alsterAt, lastPoint] = [zoneIndex('alster'), lineOf(/^\]$/, 'id = "alster"') - 1];
    assert.match(
      r.stdout,
      new RegExp(`^${unclosed}:${lastPoint}:3 zones\\[${alsterAt}\\]\\.polygon\\[\\d+\\]: the ring is not closed`, 'm'),
    );
    const zoneLine = lineOf(/^id = "kreuzberg"$/) - 1;
    assert.match(
      r.stdout,
      new RegExp(
        `^${overlap}:${zoneLine}:1 zones\\[${zoneIndex('kreuzberg')}\\]: zone "kreuzberg" shares \\d+ cells with zones\\[${zoneIndex('old-town')}\\] \\("old-town"\\): zones may not overlap$`,
        'm',
      ),
    );
  });

  test("a usage error exits 2 with that command's usage on stderr, not the overview", () => {
    for (const args of [
      ['validate', '--format', 'xml'],
      ['validate', '--bogus'],
      ['schema', 'extra', '--nope'],
      ['check-version'],
      ['diff', 'only-one.toml'],
      ['diff', '--format', 'yaml', 'a.toml', 'b.toml'],
      ['preview', '--out', 'chart.png'],
      ['map', '--at', 'yesterday', '--out', 'map.html'],
    ]) {
      const r = runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, new RegExp(`^hunt-config: .+\\n\\nhunt-config ${args[0]} `), args.join(' '));
      assert.doesNotMatch(r.stderr, /^Commands:/m, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  test('an unknown command or option exits 2 with the overview of commands', () => {
    for (const args of [['nonsense'], ['--bogus']]) {
      const r = runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^hunt-config: unknown command .+\n\nhunt-config <command>[^]*^Commands:/m);
    }
  });

  test("--version prints the tool's version and the baked config's, whatever the directory", () => {
    const tool = (JSON.parse(readFileSync(join(REPO_ROOT, 'tools/package.json'), 'utf8')) as { version: string })
      .version;
    const config = /^version = (\d+)$/m.exec(REAL)![1];
    const r = runCli(['--version'], tmp());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `hunt-config ${tool}\nconfig/hunt.toml version ${config}\n`);
  });

  test('preview --out - writes the HTML page, and only it, to stdout', () => {
    const r = runCli(['preview', '--from', '2d', '--to', '3d', '--out', '-']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!doctype html>\n<html lang="en">[^]*<svg [^]*<\/html>\n$/);
    const bad = write(tmp(), 'bad.toml', REAL.replace('radius_m = 40', 'radius_m = -1'));
    const invalid = runCli(['preview', bad, '--out', '-']);
    assert.equal(invalid.code, 1);
    assert.equal(invalid.stdout, '', 'a page piped to a file must not carry the problems');
    assert.match(invalid.stderr, /claim\.radius_m: radius_m must be greater than 0/);
  });

  test('the overview lists map, and map --help prints its usage and exit codes', () => {
    assert.match(runCli(['--help']).stdout, /^ {2}map \[file\] /m);
    const r = runCli(['map', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^hunt-config map \[file\] \[--at T\] \[--out map\.html\|-\]\n[^]*\nExit codes: 0 written, 1 the config is invalid, 2 usage error\.\n$/,
    );
  });

  test("the README's hunt-config section documents --version, diff --format json, preview --out - and map", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("### The designers' toolkit"));
    const row = (command: string) => section.split('\n').find((l) => l.startsWith(`| \`${command}`)) ?? '';
    assert.match(row('diff'), /--format json/);
    assert.match(row('preview'), /--out -/);
    assert.match(row('map'), /--at/);
    assert.match(section.slice(0, section.indexOf('| command')), /hunt-config --version/);
  });

  test('schema: the committed JSON Schema is current and the TOML points to it', () => {
    assert.equal(
      runCli(['schema', '--check']).code,
      0,
      'run `npx hunt-config schema` and commit config/hunt.schema.json',
    );
    assert.match(REAL.split('\n')[0]!, /^#:schema \.\/hunt\.schema\.json$/);
    const stale = write(tmp(), 'schema.json', '{}');
    assert.equal(runCli(['schema', '--check', '--out', stale]).code, 1);
    type Node = { properties: Record<string, Node>; items: Node; required: string[]; additionalProperties: boolean };
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'config/hunt.schema.json'), 'utf8')) as Node;
    assert.equal(schema.additionalProperties, false);
    assert.ok(schema.required.includes('version'));
    // The world's keys, for editor completion: regions and zones drawn as boxes or polygons.
    const { regions, zones, spawn, limits } = schema.properties;
    assert.ok(schema.required.includes('regions'));
    for (const area of [regions!.items, zones!.items]) {
      assert.ok(area.properties['bounds'] && area.properties['polygon']?.items.properties['lat'], 'bounds and polygon');
      assert.ok(area.properties['modifiers']);
    }
    assert.ok(zones!.items.required.includes('region'));
    assert.equal(zones!.items.properties['weight'], undefined, 'zones have no weight any more');
    assert.ok(spawn!.properties['base_density_per_km2_s'] && !spawn!.properties['base_rate_per_s']);
    assert.ok(limits!.properties['max_cells']);
  });

  test('check-version: a changed config needs a greater version than the base', () => {
    const repo = committedRepo();
    assert.equal(runCli(['check-version', '--base', 'HEAD', 'hunt.toml'], repo).code, 0);
    write(repo, 'hunt.toml', REAL.replace('radius_m = 40', 'radius_m = 45'));
    const notBumped = runCli(['check-version', '--base', 'HEAD', 'hunt.toml'], repo);
    assert.equal(notBumped.code, 1);
    const version = Number(/^version = (\d+)$/m.exec(REAL)![1]);
    assert.match(
      notBumped.stdout,
      new RegExp(`version is still ${version}; it must be greater than ${version} \\(set version = ${version + 1}\\)`),
    );
    write(repo, 'hunt.toml', edited({ 'radius_m = 40': 'radius_m = 45' }));
    assert.equal(runCli(['check-version', '--base', 'HEAD', 'hunt.toml'], repo).code, 0);
    assert.equal(runCli(['check-version', '--base', 'no-such-ref', 'hunt.toml'], repo).code, 2);
  });

  test('check-version: a base of the old schema (weighted zones, base_rate_per_s) needs only its version read', () => {
    const version = Number(/^version = (\d+)$/m.exec(REAL)![1]);
    // Before the city-scale world: a per-zone rate and weights; the current schema refuses it.
    const old = REAL.replace(/^version = \d+$/m, `version = ${version - 1}`)
      .replace('base_density_per_km2_s = 1.5', 'base_rate_per_s = 0.3')
      .replace('region = "berlin"\n', 'region = "berlin"\nweight = 1.0\n');
    const repo = committedRepo(old);
    assert.equal(runCli(['validate', join(repo, 'hunt.toml')]).code, 1, 'the base must not parse any more');
    write(repo, 'hunt.toml', REAL);
    const bumped = runCli(['check-version', '--base', 'HEAD', 'hunt.toml'], repo);
    assert.equal(bumped.code, 0, bumped.stdout);
    assert.equal(bumped.stdout, `hunt.toml: version ${version - 1} -> ${version}\n`);
    write(repo, 'hunt.toml', REAL.replace(/^version = \d+$/m, `version = ${version - 1}`));
    const same = runCli(['check-version', '--base', 'HEAD', 'hunt.toml'], repo);
    assert.equal(same.code, 1);
    assert.match(same.stdout, new RegExp(`version is still ${version - 1}; it must be greater than ${version - 1}`));
    write(repo, 'hunt.toml', old.replace(/^version = \d+$/m, 'version = "three"'));
    gitIn(repo)('commit', '-qam', 'no readable version');
    write(repo, 'hunt.toml', REAL);
    const unreadable = runCli(['check-version', '--base', 'HEAD', 'hunt.toml'], repo);
    assert.equal(unreadable.code, 0, unreadable.stdout);
    assert.match(unreadable.stdout, /no readable version at HEAD; nothing to compare/);
  });
});
