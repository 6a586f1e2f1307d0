import { loadConfigFile } from '@hunt/static-config';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The config `npm start` plays. When the file's season is running, the file itself. When it is
 * not (before the season, or after it, with off_season = "closed" nothing would ever spawn on
 * a laptop), a temporary copy whose season starts at the current minute with the same length,
 * so the curves play from their first keyframe. Only the two season instants change; the copy
 * is validated like any config, and the caller says so on the terminal. Never used by the apps.
 */
export function localPlayConfig(file: string, nowMs: number): { file: string; shifted?: { from: string; to: string } } {
  const { config } = loadConfigFile(file);
  const start = Date.parse(config.season.starts_at);
  const end = Date.parse(config.season.ends_at);
  if (nowMs >= start && nowMs < end) return { file };
  const newStart = Math.floor(nowMs / 60_000) * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const text = readFileSync(file, 'utf8')
    .replace(/^starts_at\s*=.*$/m, `starts_at = ${iso(newStart)}`)
    .replace(/^ends_at\s*=.*$/m, `ends_at = ${iso(newStart + (end - start))}`);
  const copy = join(mkdtempSync(join(tmpdir(), 'hunt-engine-')), 'hunt.toml');
  writeFileSync(copy, text);
  loadConfigFile(copy); // throws ConfigError naming the key if the edit broke anything
  return { file: copy, shifted: { from: config.season.starts_at, to: iso(newStart) } };
}
