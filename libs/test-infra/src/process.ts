import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Pid from a pid file, or null when the file is missing or garbage. */
export function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function writePid(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

/**
 * True when `pid` is alive and its command line contains `marker`. The marker
 * guards against pid reuse: a stale pid file must never make us signal an
 * unrelated process.
 */
export function isAliveAs(pid: number, marker: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    // A zombie (exited, not yet reaped) has an empty cmdline: treat as dead.
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

/** The argv of a live process (empty for a zombie), or null when there is none. */
export function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return null;
  }
}

/** Live pid recorded in `pidFile` for a process matching `marker`, else null. */
export function livePid(pidFile: string, marker: string): number | null {
  const pid = readPid(pidFile);
  return pid !== null && isAliveAs(pid, marker) ? pid : null;
}

/**
 * SIGTERM, wait up to `graceMs`, then SIGKILL and wait again. Resolves once the
 * process is gone. Safe when the process has already exited.
 */
export async function terminate(pid: number, marker: string, graceMs: number): Promise<'term' | 'kill' | 'gone'> {
  if (!isAliveAs(pid, marker)) return 'gone';
  signal(pid, 'SIGTERM');
  if (await waitGone(pid, marker, graceMs)) return 'term';
  signal(pid, 'SIGKILL');
  await waitGone(pid, marker, 5_000);
  return 'kill';
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

async function waitGone(pid: number, marker: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAliveAs(pid, marker)) return true;
    await sleep(100);
  }
  return !isAliveAs(pid, marker);
}

/** Absolute path of an executable on PATH, or null. */
export function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v "$1"`, 'sh', cmd], { encoding: 'utf8' });
  const out = r.stdout.trim();
  return r.status === 0 && out !== '' ? out : null;
}

/**
 * For failure messages: the error lines (log4j's ERROR/FATAL, logfmt's level=error) written
 * since byte `fromOffset` (the cause, which a shutdown's noise pushes out of the tail) plus the tail.
 */
export function logExcerpt(file: string, fromOffset = 0): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  const lines = readFileSync(file).subarray(fromOffset).toString('utf8').trimEnd().split('\n');
  const errors = lines.filter((l) => /\b(ERROR|FATAL)\b|Exception|level=(error|fatal)/.test(l)).slice(0, 12);
  const parts = errors.length ? [`Errors in ${file}:`, ...errors, ''] : [];
  return [...parts, `Last lines of ${file}:`, ...lines.slice(-15)].join('\n');
}

/**
 * Cross-process mutex via an O_EXCL lock file holding the owner's pid. A lock
 * whose owner is dead is taken over, so a crashed run cannot wedge later ones.
 */
export async function withLock<T>(lockFile: string, fn: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readPid(lockFile);
      // A pid-less lock is either being written right now or left by a crash mid-write.
      const stale = owner === null ? Date.now() - mtimeMs(lockFile) > 5_000 : !isAliveAs(owner, '');
      if (stale) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lock ${lockFile} held by pid ${owner ?? '?'} for too long`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
