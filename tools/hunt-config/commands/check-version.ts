import { ConfigError, formatProblem } from '@hunt/config-schema';
import { loadConfigText } from '@hunt/static-config';
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { EXIT } from '../exit-codes';
import { readAtRevision } from '../load';

export const checkVersionHelp = `hunt-config check-version --base <git-ref> [file]

When the config file (default config/hunt.toml) differs from its content at <git-ref>, its
version must be strictly greater than the base's. The file is validated in full; of the base
only the version is needed (a base of an older schema is fine). Exit 0 when fine, 1 when not
bumped or the file is invalid.`;

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
  let newVersion: number;
  try {
    newVersion = loadConfigText(current, file).version;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) out(formatProblem(p));
    return EXIT.invalid;
  }
  const oldVersion = baseVersion(old, `${base}:${file}`);
  if (oldVersion === undefined) {
    out(`${file}: no readable version at ${base}; nothing to compare`);
    return EXIT.ok;
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

/**
 * The base's `version`. The base is history, often of an older schema (the config moved from
 * `weight`ed zones to regions and densities, so an old base no longer parses): its other keys
 * are not this check's business and nobody can fix them, so when the full parse fails only its
 * top-level `version` is read. Undefined when even that is missing or not a positive integer
 * (a base CI never accepted), which counts as nothing to compare, like an absent file.
 */
function baseVersion(bytes: Buffer, label: string): number | undefined {
  try {
    return loadConfigText(bytes, label).version;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  try {
    const version = parseToml(bytes.toString('utf8'))['version'];
    return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : undefined;
  } catch {
    return undefined;
  }
}
