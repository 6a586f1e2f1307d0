import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { InfraError } from './errors';
import { jvmArgs, log4jConfig, serverProperties } from './kafka-config';
import { ensureJava, ensureKafkaJars } from './kafka-jars';
import { formatStorage, newClusterId } from './kafka-storage';
import { HOST, kafkaPaths } from './paths';
import type { KafkaPaths } from './paths';
import { isAliveAs, livePid, logExcerpt, terminate, writePid } from './process';
import type { ServerStatus, StartOutcome } from './redis';
import { waitUntil } from './wait';

type Log = (line: string) => void;
/** Matched against /proc/<pid>/cmdline so a stale pid never hits another process. */
const MARKER = 'kafka.Kafka';
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 30_000;

export function kafkaBrokers(p: KafkaPaths = kafkaPaths()): string[] {
  return [`${HOST}:${p.port}`];
}

/**
 * True when the broker answers a real metadata request (DescribeCluster),
 * reports at least one broker, and has a group coordinator (DescribeGroups;
 * the first call creates __consumer_offsets). An open port alone is not
 * "serving", and without the coordinator check every test's first consumer
 * would log "group coordinator is not available" while it is created.
 */
export async function kafkaServes(brokers: string[], timeoutMs = 3_000): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'infra-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 1_000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return false;
    await admin.describeGroups(['infra-probe']);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** KRaft needs a formatted log dir; formatting once keeps data across restarts. */
function formatStorageOnce(p: KafkaPaths, java: string, log: Log): void {
  if (existsSync(join(p.dataDir, 'meta.properties'))) return;
  const clusterId = newClusterId();
  log(`formatting Kafka storage in ${p.dataDir} (cluster ${clusterId})`);
  formatStorage(p, java, clusterId);
}

/** Whether the live broker `pid` runs the jars and server.properties we would launch now. */
function launchedWith(p: KafkaPaths, pid: number): boolean {
  const conf = existsSync(p.conf) ? readFileSync(p.conf, 'utf8') : '';
  return conf === serverProperties(p) && isAliveAs(pid, p.jarsDir);
}

async function waitServing(p: KafkaPaths, pid: number, logOffset = 0): Promise<void> {
  const res = await waitUntil(() => kafkaServes(kafkaBrokers(p)), {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 500,
    abortIf: () => (livePid(p.pidFile, MARKER) === pid ? null : 'broker process exited'),
  });
  if (!res.ok) {
    throw new InfraError(
      `Kafka on ${kafkaBrokers(p).join(',')} is not serving: ${res.reason}.\n${logExcerpt(p.logFile, logOffset)}`,
    );
  }
}

/**
 * Ensures a Kafka broker serves metadata on the configured port. Reuses ours
 * when alive (waiting if it is still starting); reuses without managing any
 * other broker already serving there.
 */
export async function startKafka(log: Log): Promise<StartOutcome> {
  const p = kafkaPaths();
  const running = livePid(p.pidFile, MARKER);
  if (running !== null && launchedWith(p, running)) {
    await waitServing(p, running);
    return 'reused';
  }
  if (running !== null) {
    log('the running Kafka was started with other settings (port or version): restarting it');
    await stopKafka();
  }
  if (await kafkaServes(kafkaBrokers(p))) return 'foreign';

  const java = ensureJava();
  ensureKafkaJars(p, log);
  mkdirSync(p.dir, { recursive: true });
  writeFileSync(p.conf, serverProperties(p));
  writeFileSync(p.log4jConf, log4jConfig(p));
  formatStorageOnce(p, java, log);

  log(`starting Kafka ${p.version} on ${kafkaBrokers(p).join(',')} (controller ${HOST}:${p.controllerPort})`);
  // Appended, not truncated: a mid-run restart keeps the earlier broker's log.
  const logOffset = existsSync(p.logFile) ? statSync(p.logFile).size : 0;
  const out = openSync(p.logFile, 'a');
  const child = spawn(java, [...jvmArgs(p), MARKER, p.conf], {
    detached: true,
    stdio: ['ignore', out, out],
    cwd: p.dir,
  });
  closeSync(out);
  if (child.pid === undefined) throw new InfraError(`could not spawn ${java}`);
  child.on('error', () => {}); // exit is detected via the pid; an 'error' here must not crash the caller
  child.unref(); // the broker must outlive the CLI process
  writePid(p.pidFile, child.pid);
  try {
    await waitServing(p, child.pid, logOffset);
  } catch (err) {
    // A broker that never served must not be "reused" by the next `up`.
    await terminate(child.pid, MARKER, 5_000);
    throw err;
  }
  return 'started';
}

/** Stops the broker tools/infra started (per pid file). False when none was running. */
export async function stopKafka(): Promise<boolean> {
  const p = kafkaPaths();
  const pid = livePid(p.pidFile, MARKER);
  if (pid === null) {
    rmSync(p.pidFile, { force: true });
    return false;
  }
  await terminate(pid, MARKER, STOP_GRACE_MS);
  rmSync(p.pidFile, { force: true });
  return true;
}

export async function kafkaStatus(): Promise<ServerStatus> {
  const p = kafkaPaths();
  const brokers = kafkaBrokers(p);
  return { serving: await kafkaServes(brokers), pid: livePid(p.pidFile, MARKER), address: brokers.join(',') };
}
