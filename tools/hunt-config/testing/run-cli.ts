import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../bin.mjs');

/** Runs the real CLI in a child process, as a designer or CI would. */
export function runCli(args: readonly string[], cwd = join(import.meta.dirname, '../../..')) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
