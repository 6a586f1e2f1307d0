import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCommands } from './debian';
import { InfraError } from './errors';
import { HOST, prometheusPaths, repoRoot } from './paths';
import type { PrometheusPaths } from './paths';
import { fileSdJson, prometheusYaml } from './prometheus-config';
import type { ScrapeTarget } from './prometheus-config';
import { commandLine, livePid, logExcerpt, terminate, which, withLock, writePid } from './process';
import type { ServerStatus } from './redis';
import { waitUntil } from './wait';

type Log = (line: string) => void;
const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 10_000;
export const SHIPPED_ALERT_RULES = join(repoRoot, 'deploy', 'prometheus', 'alerts.yml');

export interface PrometheusOptions {
  /** Default INFRA_PROMETHEUS_PORT, else 19090. */
  port?: number;
  /** State dir (config, targets file, pid, log, TSDB). Default `.infra/prometheus`. */
  dir?: string;
  /** Rule files to evaluate every second. Default deploy/prometheus/alerts.yml. */
  ruleFiles?: readonly string[];
  /** Replaces the targets file; when omitted the file is kept as it is (created empty). */
  targets?: readonly ScrapeTarget[];
  /** `job` label of targets that set none. Default `hunt`. */
  job?: string;
  log?: Log;
}

/** A Prometheus server this library started (or found running from the same dir and settings). */
export interface PrometheusServer {
  /** `http://127.0.0.1:<port>`, for prometheusClient(). */
  readonly url: string;
  readonly pid: number;
  readonly dir: string;
  readonly outcome: 'started' | 'reused';
  /**
   * Replaces every scrape target by rewriting the file_sd file atomically (rename). Prometheus
   * sees the file change at once, but its discovery and scrape managers each apply target
   * changes on a 5 s tick (2.42 has no flag for it): a new target is scraped within ~10 s,
   * a removed one's series go stale as late. Wait on `up{...}`, never on a sleep.
   * @throws TypeError on a bad address or label name; the file is then left unchanged
   */
  setTargets(targets: readonly ScrapeTarget[]): void;
  /** SIGTERM (SIGKILL after 10 s); resolves once the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

/** Path of prometheus, installing Debian's package when missing and allowed (see ensureCommands). */
export function ensurePrometheusBinary(log: Log): string {
  ensureCommands([{ command: 'prometheus', pkg: 'prometheus' }], log);
  return which('prometheus')!;
}

/** True only when GET /-/ready answers 200 (TSDB open, config and rules loaded). Never throws. */
export async function prometheusReady(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

export function prometheusUrl(p: PrometheusPaths): string {
  return `http://${HOST}:${p.port}`;
}

/** The config path is unique per dir, so it tells our server from any other (and from a reused pid). */
const marker = (p: PrometheusPaths) => `--config.file=${p.conf}`;

function launchArgs(p: PrometheusPaths): string[] {
  return [
    marker(p),
    `--web.listen-address=${HOST}:${p.port}`,
    `--storage.tsdb.path=${p.dataDir}`,
    // A test or game-day server: a day of 1 s samples is plenty and keeps the TSDB small.
    '--storage.tsdb.retention.time=1d',
  ];
}

function writeTargets(p: PrometheusPaths, targets: readonly ScrapeTarget[]): void {
  const json = fileSdJson(targets); // validates before anything is written
  const tmp = `${p.targetsFile}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, p.targetsFile); // Prometheus never reads a half-written file
}

/**
 * Waits until /-/ready answers; gives up early once `alive` says the server is gone (for a
 * server this call spawned: its child's exit event; a reused one: its pid and marker).
 */
async function waitReady(p: PrometheusPaths, alive: () => boolean, logOffset: number): Promise<void> {
  const res = await waitUntil(() => prometheusReady(prometheusUrl(p)), {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 100,
    abortIf: () => (alive() ? null : 'prometheus exited'),
  });
  if (!res.ok) {
    throw new InfraError(
      `Prometheus on ${prometheusUrl(p)} is not ready: ${res.reason}.\n${logExcerpt(p.logFile, logOffset)}`,
    );
  }
}

function handle(p: PrometheusPaths, pid: number, outcome: PrometheusServer['outcome']): PrometheusServer {
  return {
    url: prometheusUrl(p),
    pid,
    dir: p.dir,
    outcome,
    setTargets: (targets) => writeTargets(p, targets),
    stop: () =>
      withLock(p.lockFile, async () => {
        await terminate(pid, marker(p), STOP_GRACE_MS);
        if (livePid(p.pidFile, marker(p)) === null) rmSync(p.pidFile, { force: true });
      }),
  };
}

/**
 * Ensures a Prometheus serves from `dir` on `port`, scraping the targets file and evaluating
 * `ruleFiles` every second, and resolves once /-/ready answers 200. Reuses ours when it runs
 * with the same binary, flags and config; restarts it otherwise (the TSDB is kept).
 * @throws InfraError when prometheus cannot be had, a rule file is missing, another server
 *   already answers on the port, or it does not become ready (with its log's errors)
 */
export function startPrometheus(opts: PrometheusOptions = {}): Promise<PrometheusServer> {
  const p = prometheusPaths(opts.dir, opts.port);
  return withLock(p.lockFile, () => start(p, opts));
}

async function start(p: PrometheusPaths, opts: PrometheusOptions): Promise<PrometheusServer> {
  const log = opts.log ?? (() => {});
  const ruleFiles = (opts.ruleFiles ?? [SHIPPED_ALERT_RULES]).map((f) => resolve(f));
  const missing = ruleFiles.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new InfraError(`Prometheus rule files not found: ${missing.join(', ')}`);
  const config = prometheusYaml({ ruleFiles, targetsFile: p.targetsFile, job: opts.job ?? 'hunt' });
  const argv = [ensurePrometheusBinary(log), ...launchArgs(p)];

  mkdirSync(p.dataDir, { recursive: true });
  if (opts.targets !== undefined) writeTargets(p, opts.targets);
  else if (!existsSync(p.targetsFile)) writeTargets(p, []);

  const running = livePid(p.pidFile, marker(p));
  const conf = existsSync(p.conf) ? readFileSync(p.conf, 'utf8') : '';
  if (running !== null && conf === config && commandLine(running)?.join('\0') === argv.join('\0')) {
    await waitReady(
      p,
      () => livePid(p.pidFile, marker(p)) === running,
      existsSync(p.logFile) ? statSync(p.logFile).size : 0,
    );
    return handle(p, running, 'reused');
  }
  if (running !== null) {
    log('the running Prometheus was started with other settings (port, rules or binary): restarting it');
    await terminate(running, marker(p), STOP_GRACE_MS);
  }
  if (await prometheusReady(prometheusUrl(p))) {
    throw new InfraError(
      `a Prometheus not started from ${p.dir} already serves ${prometheusUrl(p)}; ` +
        'pick another port (INFRA_PROMETHEUS_PORT or the port option)',
    );
  }
  writeFileSync(p.conf, config);

  log(`starting Prometheus on ${prometheusUrl(p)} (state in ${p.dir})`);
  const logOffset = existsSync(p.logFile) ? statSync(p.logFile).size : 0;
  const out = openSync(p.logFile, 'a');
  const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', out, out], cwd: p.dir });
  closeSync(out);
  if (child.pid === undefined) throw new InfraError(`could not spawn ${argv[0]}`);
  child.on('error', () => {}); // an 'error' here must not crash the caller; exit is what counts
  // Our own child: its exit event says it died. (Probing /proc/<pid>/cmdline for the marker
  // right after the spawn once reported a live, starting server as gone under a loaded CI run.)
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref(); // a server started by the CLI outlives it; others are stopped through the handle
  writePid(p.pidFile, child.pid);
  try {
    await waitReady(p, () => !exited, logOffset);
  } catch (err) {
    await terminate(child.pid, marker(p), 5_000);
    throw err;
  }
  return handle(p, child.pid, 'started');
}

type Where = Pick<PrometheusOptions, 'dir' | 'port'>;

/** Stops the Prometheus started from `dir` (per pid file). False when none was running. */
export function stopPrometheus({ dir }: Where = {}): Promise<boolean> {
  const p = prometheusPaths(dir);
  return withLock(p.lockFile, async () => {
    const pid = livePid(p.pidFile, marker(p));
    if (pid !== null) await terminate(pid, marker(p), STOP_GRACE_MS);
    rmSync(p.pidFile, { force: true });
    return pid !== null;
  });
}

export async function prometheusStatus({ dir, port }: Where = {}): Promise<ServerStatus> {
  const p = prometheusPaths(dir, port);
  return {
    serving: await prometheusReady(prometheusUrl(p)),
    pid: livePid(p.pidFile, marker(p)),
    address: prometheusUrl(p),
  };
}
