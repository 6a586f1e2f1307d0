import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from './paths';
import { runCli } from './testing/run-cli';

const REAL = readFileSync(join(REPO_ROOT, 'config/hunt.toml'), 'utf8');
const tmp = () => mkdtempSync(join(tmpdir(), 'hunt-cli-'));

/** The real config with edits applied (each must match) and the version bumped. */
function edited(edits: Record<string, string>): string {
  let text = REAL.replace(/^version = (\d+)$/m, (_m, v: string) => `version = ${Number(v) + 1}`);
  for (const [from, to] of Object.entries(edits)) {
    assert.ok(text.includes(from), `"${from}" not in config/hunt.toml`);
    text = text.replace(from, to);
  }
  return text;
}

function write(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A git repository of its own with config/hunt.toml committed as hunt.toml (answers cannot depend on this working copy). */
function committedRepo(): string {
  const repo = tmp();
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'pipe' });
  git('init', '-q');
  write(repo, 'hunt.toml', REAL);
  git('add', '.');
  git('commit', '-qm', 'base');
  return repo;
}

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

  test("a usage error exits 2 with that command's usage on stderr, not the overview", () => {
    for (const args of [
      ['validate', '--format', 'xml'],
      ['validate', '--bogus'],
      ['schema', 'extra', '--nope'],
      ['check-version'],
      ['diff', 'only-one.toml'],
      ['diff', '--format', 'yaml', 'a.toml', 'b.toml'],
      ['preview', '--out', 'chart.png'],
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

  test("the README's hunt-config section documents --version, diff --format json and preview --out -", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("### The designers' toolkit"));
    const row = (command: string) => section.split('\n').find((l) => l.startsWith(`| \`${command}`)) ?? '';
    assert.match(row('diff'), /--format json/);
    assert.match(row('preview'), /--out -/);
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
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'config/hunt.schema.json'), 'utf8')) as {
      additionalProperties: boolean;
      required: string[];
    };
    assert.equal(schema.additionalProperties, false);
    assert.ok(schema.required.includes('version'));
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

  test('diff: the 09:14 change (spawn 0.3 -> 0.9, decay 8 s -> 3 s) is stopped with exit 3', () => {
    const dir = tmp();
    const story = write(
      dir,
      'story.toml',
      edited({ 'base_rate_per_s = 0.3': 'base_rate_per_s = 0.9', 'decay_s = 8': 'decay_s = 3' }),
    );
    const r = runCli(['diff', join(REPO_ROOT, 'config/hunt.toml'), story]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /\| `spawn\.base_rate_per_s` \| 0\.3 \| 0\.9 \|/);
    assert.match(
      r.stdout,
      /\*\*BLOCKED\*\*: zone old-town: peak spawn rate 1\.2 -> 3\.6 events\/s \(x3\) exceeds limits\.max_rate_change_ratio 2/,
    );
    assert.match(
      r.stdout,
      /\*\*BLOCKED\*\*: combo multiplier decays x2\.667 faster .* exceeding limits\.max_rate_change_ratio 2/,
    );
    assert.match(r.stdout, /caused by `spawn\.base_rate_per_s`/);
  });

  test('diff: acknowledging exactly those changes in [release] lets it through; a different value does not', () => {
    const dir = tmp();
    const ack = (to: string) =>
      edited({ 'base_rate_per_s = 0.3': `base_rate_per_s = ${to}`, 'decay_s = 8': 'decay_s = 3' }) +
      `\n[release]\nacknowledge = [\n  { key = "spawn.base_rate_per_s", from = 0.3, to = 0.9, reason = "finale event" },\n  { key = "multiplier.decay_s", from = 8, to = 3, reason = "finale event" },\n]\n`;
    const ok = runCli(['diff', join(REPO_ROOT, 'config/hunt.toml'), write(dir, 'ack.toml', ack('0.9'))]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /acknowledged in \[release\]: zone old-town/);
    const other = runCli(['diff', join(REPO_ROOT, 'config/hunt.toml'), write(dir, 'other.toml', ack('1.2'))]);
    assert.equal(other.code, 3);
  });

  test('diff: a fleet peak above limits.bus_events_per_s is stopped even when no zone grows past the ratio', () => {
    const dir = tmp();
    const smallBus = REAL.replace('bus_events_per_s = 500', 'bus_events_per_s = 5');
    const base = write(dir, 'base.toml', smallBus);
    const next = write(
      dir,
      'next.toml',
      edited({ 'bus_events_per_s = 500': 'bus_events_per_s = 5', 'base_rate_per_s = 0.3': 'base_rate_per_s = 0.5' }),
    );
    const r = runCli(['diff', base, next]);
    assert.equal(r.code, 3, r.stdout);
    assert.match(
      r.stdout,
      /BLOCKED\*\*: peak spawn demand 6 events\/s \(at 2027-02-\d\dT18:00:00\.000Z\) exceeds limits\.bus_events_per_s 5/,
    );
    assert.doesNotMatch(r.stdout, /max_rate_change_ratio/);
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
