import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { ensureCommands } from './debian';
import { InfraError } from './errors';
import { HOST, redisPaths } from './paths';
import type { RedisPaths } from './paths';
import { livePid, logExcerpt, terminate, which } from './process';
import { waitUntil } from './wait';

export type Log = (line: string) => void;
const MARKER = 'redis-server';
const START_TIMEOUT_MS = 15_000;

export function redisUrl(p: RedisPaths = redisPaths()): string {
  return `redis://${HOST}:${p.port}`;
}

/** One raw RESP PING; true only on "+PONG". Never throws; gives up after `timeoutMs`. */
export function pingRedis(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    let reply = '';
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('close', () => done(false)); // peer hung up without a reply (not a Redis)
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Path of redis-server, installing Debian's package when missing and allowed (see ensureCommands). */
export function ensureRedisBinary(log: Log): string {
  ensureCommands([{ command: 'redis-server', pkg: 'redis-server' }], log);
  return which('redis-server')!;
}

/** The redis.conf lines of every server tools/infra runs: loopback, daemonized, no persistence. */
export function serverConfigLines(s: { port: number; pidFile: string; logFile: string; dir: string }): string[] {
  const q = (v: string) => JSON.stringify(v); // redis.conf accepts double-quoted strings
  return [
    `bind ${HOST}`,
    `port ${s.port}`,
    'protected-mode yes',
    'daemonize yes',
    `pidfile ${q(s.pidFile)}`,
    `logfile ${q(s.logFile)}`,
    `dir ${q(s.dir)}`,
    // Test data only: no persistence, so restarts come back empty and fast.
    'save ""',
    'appendonly no',
  ];
}

function writeConfig(p: RedisPaths): void {
  mkdirSync(p.dataDir, { recursive: true });
  writeFileSync(p.conf, serverConfigLines({ ...p, dir: p.dataDir }).join('\n') + '\n');
}

export type StartOutcome = 'started' | 'reused' | 'foreign';

/**
 * Ensures a Redis serves PING on the configured port. Reuses ours when alive
 * and serving; reuses (without managing) any other Redis already on the port.
 */
export async function startRedis(log: Log): Promise<StartOutcome> {
  const p = redisPaths();
  if (await pingRedis(p.port)) {
    return livePid(p.pidFile, MARKER) !== null ? 'reused' : 'foreign';
  }
  const bin = ensureRedisBinary(log);
  const stale = livePid(p.pidFile, MARKER);
  if (stale !== null) await terminate(stale, MARKER, 5_000); // alive but not answering: replace it
  rmSync(p.pidFile, { force: true });
  writeConfig(p);
  log(`starting redis-server on ${HOST}:${p.port}`);
  const logOffset = existsSync(p.logFile) ? statSync(p.logFile).size : 0;
  const r = spawnSync(bin, [p.conf], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    throw new InfraError(`redis-server exited with ${r.status}.\n${logExcerpt(p.logFile, logOffset)}`);
  }
  const started = Date.now();
  const res = await waitUntil(() => pingRedis(p.port), {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 100,
    // The daemon child writes its pid file right after forking; no live pid after 3 s means it died.
    abortIf: () => (Date.now() - started > 3_000 && livePid(p.pidFile, MARKER) === null ? 'redis-server exited' : null),
  });
  if (!res.ok) {
    throw new InfraError(
      `Redis on ${HOST}:${p.port} did not answer PING: ${res.reason}.\n${logExcerpt(p.logFile, logOffset)}`,
    );
  }
  return 'started';
}

/** Stops the Redis that tools/infra started (per pid file). False when none was running. */
export async function stopRedis(): Promise<boolean> {
  const p = redisPaths();
  const pid = livePid(p.pidFile, MARKER);
  if (pid === null) {
    rmSync(p.pidFile, { force: true });
    return false;
  }
  await terminate(pid, MARKER, 10_000);
  rmSync(p.pidFile, { force: true });
  return true;
}

export interface ServerStatus {
  serving: boolean;
  /** Pid of the server tools/infra started, if alive. */
  pid: number | null;
  address: string;
}

export async function redisStatus(): Promise<ServerStatus> {
  const p = redisPaths();
  return { serving: await pingRedis(p.port), pid: livePid(p.pidFile, MARKER), address: redisUrl(p) };
}
