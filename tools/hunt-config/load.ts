import { ConfigError, formatProblem } from '@hunt/config-schema';
import { loadConfigFile, type LoadedConfig } from '@hunt/static-config';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { UsageError } from './exit-codes';

/** The file's bytes at a git revision; undefined when the file did not exist there. */
export function readAtRevision(ref: string, file: string, cwd: string): Buffer | undefined {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, stdio: 'pipe' });
  } catch {
    throw new UsageError(`unknown git revision "${ref}"`);
  }
  try {
    return execFileSync('git', ['show', `${ref}:./${file}`], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 16 << 20,
    });
  } catch {
    return undefined;
  }
}

/**
 * Loads every file; on any problem prints them all (every file's, one `<file>:<line>:<col>`
 * line each) to `err` and returns undefined, so the caller exits 1.
 */
export function loadConfigs(files: readonly string[], err: (s: string) => void): LoadedConfig[] | undefined {
  const loaded: LoadedConfig[] = [];
  const problems = files.flatMap((file) => {
    try {
      loaded.push(loadConfigFile(file));
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  });
  for (const p of problems) err(formatProblem(p));
  return problems.length > 0 ? undefined : loaded;
}

/** `--out -`: the page on stdout, for a pipe or a browser that reads stdin. */
export const STDOUT = '-';

/** Writes a rendered page to a file, or to `out` alone for `--out -`. @throws UsageError when it cannot. */
export function writeOutput(target: string, text: string, out: (s: string) => void): void {
  if (target === STDOUT) return out(text.trimEnd());
  try {
    writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${target}: ${(error as Error).message}`);
  }
}
