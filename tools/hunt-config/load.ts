import { execFileSync } from 'node:child_process';
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
