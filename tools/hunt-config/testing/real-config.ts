/** config/hunt.toml as the CLI tests edit it: copies, edits that must match, repositories of their own. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

export const REAL = readFileSync(join(REPO_ROOT, 'config/hunt.toml'), 'utf8');
export const tmp = () => mkdtempSync(join(tmpdir(), 'hunt-cli-'));

/** The real config with edits applied (each must match) and the version bumped. */
export function edited(edits: Record<string, string>): string {
  let text = REAL.replace(/^version = (\d+)$/m, (_m, v: string) => `version = ${Number(v) + 1}`);
  for (const [from, to] of Object.entries(edits)) {
    assert.ok(text.includes(from), `"${from}" not in config/hunt.toml`);
    text = text.replace(from, to);
  }
  return text;
}

/** 1-based line of the first line at or after `after`'s line that matches `pattern`. */
export function lineOf(pattern: RegExp, after?: string): number {
  const lines = REAL.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  return lines.findIndex((l, i) => i >= from && pattern.test(l)) + 1;
}

/** Index of a named zone in config/hunt.toml's [[zones]]. */
export const zoneIndex = (id: string) =>
  [...REAL.matchAll(/^\[\[zones\]\]\nid = "([^"]+)"/gm)].findIndex((m) => m[1] === id);

export function write(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export const gitIn =
  (repo: string) =>
  (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'pipe' });

/** A git repository of its own with `text` (default config/hunt.toml) committed as hunt.toml (answers cannot depend on this working copy). */
export function committedRepo(text = REAL): string {
  const repo = tmp();
  const git = gitIn(repo);
  git('init', '-q');
  write(repo, 'hunt.toml', text);
  git('add', '.');
  git('commit', '-qm', 'base');
  return repo;
}
