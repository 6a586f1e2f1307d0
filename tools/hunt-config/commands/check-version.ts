import { ConfigError, formatProblem } from '@hunt/config-schema';
import { loadConfigText } from '@hunt/static-config';
import { readFileSync } from 'node:fs';
import { EXIT } from '../exit-codes';
import { readAtRevision } from '../load';

export const checkVersionHelp = `hunt-config check-version --base <git-ref> [file]

When the config file (default config/hunt.toml) differs from its content at <git-ref>, its
version must be strictly greater than the base's. Exit 0 when fine, 1 when not bumped or invalid.`;

export function checkVersion(file: string, base: string, cwd: string, out: (s: string) => void): number {
  const current = readFileSync(file);
  const old = readAtRevision(base, file, cwd);
  if (old === undefined) {
    out(`${file}: not present at ${base}; nothing to compare`);
    return EXIT.ok;
  }
  if (old.equals(current)) {
    out(`${file}: unchanged since ${base}`);
    return EXIT.ok;
  }
  let oldVersion: number;
  let newVersion: number;
  try {
    oldVersion = loadConfigText(old, `${base}:${file}`).version;
    newVersion = loadConfigText(current, file).version;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) out(formatProblem(p));
    return EXIT.invalid;
  }
  if (newVersion > oldVersion) {
    out(`${file}: version ${oldVersion} -> ${newVersion}`);
    return EXIT.ok;
  }
  const line =
    current
      .toString('utf8')
      .split('\n')
      .findIndex((l) => /^\s*version\s*=/.test(l)) + 1;
  out(
    `${file}:${Math.max(line, 1)}:1 version: the config changed since ${base} but version is still ${newVersion}; it must be greater than ${oldVersion} (set version = ${oldVersion + 1})`,
  );
  return EXIT.invalid;
}
