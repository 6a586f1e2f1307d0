/**
 * A three-node KRaft cluster (combined broker+controller nodes 1..3, a static quorum of all
 * three) beside the single broker of kafka.ts, for tests that need replication: acks=all with
 * min.insync.replicas=2, leader failover, ISR shrink and rejoin. Same jars and Kafka version
 * as the single broker, its own ports (INFRA_KAFKA_CLUSTER_PORT, default 19101..19103, the
 * controllers 10 above), state in .infra/kafka-cluster/ and its own lock file there: the
 * exported operations that start or signal nodes hold it, so parallel test processes never
 * launch the same node twice.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { InfraError } from './errors';
import {
  CLUSTER_NODE_HEAP,
  clusterBrokers,
  clusterNodeProperties,
  kafkaClusterPaths,
  KAFKA_CLUSTER_NODE_IDS,
} from './kafka-cluster-config';
import type { KafkaClusterNodePaths, KafkaClusterPaths } from './kafka-cluster-config';
import { jvmArgs, log4jConfig } from './kafka-config';
import { ensureJava, ensureKafkaJars } from './kafka-jars';
import { formatStorage, formattedClusterId, newClusterId } from './kafka-storage';
import { HOST } from './paths';
import { commandLine, isAliveAs, livePid, logExcerpt, terminate, withLock, writePid } from './process';
import type { ServerStatus } from './redis';
import { waitUntil } from './wait';

type Log = (line: string) => void;
const MAIN_CLASS = 'kafka.Kafka';
/** Three JVMs starting at once on 2 cores, then a quorum election and __consumer_offsets creation. */
const START_TIMEOUT_MS = 150_000;
/** One JVM, then catching up on the partitions it replicates. */
const RESTART_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;
const PROBE_INTERVAL_MS = 500;

export type KafkaClusterStartOutcome = 'started' | 'reused';

export interface KafkaClusterStatus extends ServerStatus {
  /** Every node: its pid when ours is alive, else null. */
  nodes: { id: number; address: string; pid: number | null }[];
}

export function kafkaClusterBrokers(c: KafkaClusterPaths = kafkaClusterPaths()): string[] {
  return clusterBrokers(c);
}

/**
 * A node's own server.properties path is in its command line, so the marker that guards a pid
 * file against pid reuse never matches the single broker or another node (all run kafka.Kafka).
 */
function marker(n: KafkaClusterNodePaths): string {
  return n.conf;
}

function nodePid(n: KafkaClusterNodePaths): number | null {
  return livePid(n.pidFile, marker(n));
}

function node(c: KafkaClusterPaths, id: number): KafkaClusterNodePaths {
  const n = c.nodes.find((x) => x.id === id);
  if (!n)
    throw new InfraError(`Kafka cluster node ${id} does not exist: the nodes are ${KAFKA_CLUSTER_NODE_IDS.join(', ')}`);
  return n;
}

function address(n: KafkaClusterNodePaths): string {
  return `${HOST}:${n.port}`;
}

function launchArgs(n: KafkaClusterNodePaths): string[] {
  return [...jvmArgs(n, CLUSTER_NODE_HEAP), MAIN_CLASS, n.conf];
}

/** Whether the live node `pid` runs the jars, heap and server.properties we would launch now. */
function launchedWith(c: KafkaClusterPaths, n: KafkaClusterNodePaths, pid: number): boolean {
  const conf = existsSync(n.conf) ? readFileSync(n.conf, 'utf8') : '';
  const argv = commandLine(pid);
  return conf === clusterNodeProperties(c, n) && argv !== null && argv.slice(1).join('\0') === launchArgs(n).join('\0');
}

function probeAdmin(brokers: string[], timeoutMs: number): Admin {
  return new Kafka({
    clientId: 'infra-cluster-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 1_000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
}

async function withAdmin<T>(brokers: string[], timeoutMs: number, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = probeAdmin(brokers, timeoutMs);
  try {
    await admin.connect();
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Partitions of `topics` (all topics when omitted, __consumer_offsets included) that are not
 * fully replicated, described for a failure message: without a leader, or with an ISR short of
 * the replica set. With `replica`, only the partitions that node replicates and whose ISR lacks
 * it (the node has not caught up). `partitions` counts every partition of the answer, so an
 * empty answer (a topic without partitions yet) is not mistaken for a full ISR.
 */
async function isrGaps(
  admin: Admin,
  topics?: string[],
  replica?: number,
): Promise<{ partitions: number; gaps: string[] }> {
  const { topics: metadata } = await admin.fetchTopicMetadata(topics ? { topics } : undefined);
  const gaps: string[] = [];
  let partitions = 0;
  for (const t of metadata) {
    for (const p of t.partitions) {
      partitions++;
      const where = `${t.name}-${p.partitionId}`;
      if (replica !== undefined && !p.replicas.includes(replica)) continue;
      if (p.leader < 0) gaps.push(`${where} has no leader`);
      else if (replica !== undefined ? !p.isr.includes(replica) : p.replicas.some((r) => !p.isr.includes(r)))
        gaps.push(`${where} ISR [${p.isr.join(',')}] of replicas [${p.replicas.join(',')}]`);
    }
  }
  return { partitions, gaps };
}

/**
 * Throws (with what is missing) unless the cluster really serves: DescribeCluster lists all
 * three brokers and a controller, the group coordinator answers (DescribeGroups; the first call
 * creates __consumer_offsets), and every __consumer_offsets partition has a leader and all three
 * replicas in its ISR. Without the last check the first consumer group of a test would find a
 * coordinator whose offsets log cannot take writes with min.insync.replicas=2.
 */
async function assertClusterServes(brokers: string[], timeoutMs = 3_000): Promise<void> {
  await withAdmin(brokers, timeoutMs, async (admin) => {
    const cluster = await admin.describeCluster();
    const ids = cluster.brokers.map((b) => b.nodeId).sort();
    if (ids.length < KAFKA_CLUSTER_NODE_IDS.length)
      throw new Error(`brokers [${ids.join(',')}] registered of [${KAFKA_CLUSTER_NODE_IDS.join(',')}]`);
    if (cluster.controller === null) throw new Error('no controller');
    await admin.describeGroups(['infra-cluster-probe']);
    const { partitions, gaps } = await isrGaps(admin, ['__consumer_offsets']);
    if (partitions === 0) throw new Error('__consumer_offsets has no partitions yet');
    if (gaps.length > 0) throw new Error(gaps.join('; '));
  });
}

export async function kafkaClusterServes(brokers = kafkaClusterBrokers(), timeoutMs = 3_000): Promise<boolean> {
  return assertClusterServes(brokers, timeoutMs).then(
    () => true,
    () => false,
  );
}

/** For failure messages: the log of each given node since its launch (the cause, then the tail). */
function excerpts(nodes: KafkaClusterNodePaths[], offsets: Map<number, number>): string {
  return nodes.map((n) => logExcerpt(n.logFile, offsets.get(n.id) ?? 0)).join('\n\n');
}

/** Aborts a wait once one of the nodes we expect to run (`pids`) has exited. */
function exitedNode(c: KafkaClusterPaths, pids: Map<number, number>): () => string | null {
  return () => {
    for (const [id, pid] of pids) {
      if (nodePid(node(c, id)) !== pid) return `node ${id} (pid ${pid}) exited`;
    }
    return null;
  };
}

async function waitClusterServing(
  c: KafkaClusterPaths,
  pids: Map<number, number>,
  offsets = new Map<number, number>(),
) {
  const brokers = kafkaClusterBrokers(c);
  const res = await waitUntil(() => assertClusterServes(brokers).then(() => true), {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: PROBE_INTERVAL_MS,
    abortIf: exitedNode(c, pids),
  });
  if (!res.ok) {
    const dead = c.nodes.filter((n) => pids.has(n.id) && nodePid(n) !== pids.get(n.id));
    throw new InfraError(
      `the Kafka cluster on ${brokers.join(',')} is not serving: ${res.reason}. ` +
        `Logs are in ${c.dir}/node-<id>/kafka.log; \`rm -rf ${c.dataDir}\` starts it from empty.\n` +
        excerpts(dead.length > 0 ? dead : c.nodes, offsets),
    );
  }
}

/** True when something accepts connections on HOST:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port, timeout: 1_000 });
    const done = (used: boolean) => {
      socket.destroy();
      resolve(used);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

async function assertPortsFree(nodes: KafkaClusterNodePaths[]): Promise<void> {
  for (const n of nodes) {
    for (const [what, port] of [
      ['broker', n.port],
      ['controller', n.controllerPort],
    ] as const) {
      if (await portInUse(port)) {
        throw new InfraError(
          `port ${port} (Kafka cluster node ${n.id}'s ${what}) is taken by a process tools/infra did not start ` +
            `(no live pid in ${n.pidFile}): stop it, or set INFRA_KAFKA_CLUSTER_PORT to another base port`,
        );
      }
    }
  }
}

/**
 * Every node's log dir must carry the same cluster id: the ones already formatted give it, a
 * fresh cluster draws one. Only unformatted dirs are formatted, so data survives restarts.
 * (A node whose dir was wiped while the others kept theirs rejoins the static quorum empty and
 * catches up from the leader: fine for tests, not a procedure for production.)
 */
function formatUnformatted(c: KafkaClusterPaths, java: string, log: Log): void {
  const ids = new Set(c.nodes.map((n) => formattedClusterId(n.dataDir)).filter((id) => id !== null));
  if (ids.size > 1) {
    throw new InfraError(
      `the Kafka cluster's log dirs belong to different clusters (${[...ids].join(', ')}): ` +
        `stop it (stopKafkaCluster) and \`rm -rf ${c.dataDir}\` to start from empty`,
    );
  }
  const unformatted = c.nodes.filter((n) => formattedClusterId(n.dataDir) === null);
  if (unformatted.length === 0) return;
  const clusterId = [...ids][0] ?? newClusterId();
  log(
    `formatting Kafka storage of nodes ${unformatted.map((n) => n.id).join(',')} in ${c.dataDir} (cluster ${clusterId})`,
  );
  for (const n of unformatted) formatStorage(n, java, clusterId, CLUSTER_NODE_HEAP);
}

/** Writes the configs of `nodes` (and the shared log4j config), jars resolved and dirs formatted. */
function prepare(c: KafkaClusterPaths, nodes: KafkaClusterNodePaths[], log: Log): string {
  const java = ensureJava();
  ensureKafkaJars(c.nodes[0]!, log);
  mkdirSync(c.dir, { recursive: true });
  writeFileSync(c.log4jConf, log4jConfig(c));
  for (const n of nodes) {
    mkdirSync(n.dir, { recursive: true });
    writeFileSync(n.conf, clusterNodeProperties(c, n));
  }
  formatUnformatted(c, java, log);
  return java;
}

/** Spawns node `n`, detached so it outlives the caller; returns its pid and where its log grows from. */
function launch(n: KafkaClusterNodePaths, java: string): { pid: number; logOffset: number } {
  // Appended, not truncated: a restart keeps the earlier run's log (what a fault test broke).
  const logOffset = existsSync(n.logFile) ? statSync(n.logFile).size : 0;
  const out = openSync(n.logFile, 'a');
  const child = spawn(java, launchArgs(n), { detached: true, stdio: ['ignore', out, out], cwd: n.dir });
  closeSync(out);
  if (child.pid === undefined) throw new InfraError(`could not spawn ${java}`);
  child.on('error', () => {}); // exit is detected via the pid; an 'error' here must not crash the caller
  child.unref();
  writePid(n.pidFile, child.pid);
  return { pid: child.pid, logOffset };
}

/**
 * Ensures the three-node cluster serves (see assertClusterServes). Reuses nodes that run with
 * the same config (waiting if they are still starting), starts the missing ones, and restarts
 * nodes launched with other settings (ports, version, heap). 'started' when this call launched
 * any node. A port held by a process we did not start is an InfraError, never reused. Nodes
 * this call launched are stopped again when the cluster does not come up, so the next call
 * does not "reuse" a broken node.
 */
export function startKafkaCluster(log: Log): Promise<KafkaClusterStartOutcome> {
  const c = kafkaClusterPaths();
  return withLock(c.lockFile, () => start(c, log));
}

async function start(c: KafkaClusterPaths, log: Log): Promise<KafkaClusterStartOutcome> {
  const pids = new Map<number, number>();
  const stale: { n: KafkaClusterNodePaths; pid: number }[] = [];
  for (const n of c.nodes) {
    const pid = nodePid(n);
    if (pid === null) continue;
    if (launchedWith(c, n, pid)) pids.set(n.id, pid);
    else stale.push({ n, pid });
  }
  if (stale.length > 0) {
    log(
      `Kafka cluster nodes ${stale.map(({ n }) => n.id).join(',')} were started with other settings ` +
        '(ports, version or heap): restarting them',
    );
    // All at once, as in stopKafkaCluster.
    await Promise.all(stale.map(({ n, pid }) => terminate(pid, marker(n), STOP_GRACE_MS)));
  }
  const missing = c.nodes.filter((n) => !pids.has(n.id));
  if (missing.length === 0) {
    await waitClusterServing(c, pids);
    return 'reused';
  }
  await assertPortsFree(missing);
  const java = prepare(c, missing, log);
  log(
    `starting Kafka ${c.version} cluster nodes ${missing.map((n) => n.id).join(',')} on ` +
      `${missing.map(address).join(',')} (controllers ${missing.map((n) => `${HOST}:${n.controllerPort}`).join(',')})`,
  );
  const offsets = new Map<number, number>();
  for (const n of missing) {
    const { pid, logOffset } = launch(n, java);
    pids.set(n.id, pid);
    offsets.set(n.id, logOffset);
  }
  try {
    await waitClusterServing(c, pids, offsets);
  } catch (err) {
    await Promise.all(missing.map((n) => terminate(pids.get(n.id)!, marker(n), 5_000)));
    throw err;
  }
  return 'started';
}

/** Stops every node tools/infra started (per pid files), all at once. False when none was running. */
export function stopKafkaCluster(): Promise<boolean> {
  const c = kafkaClusterPaths();
  return withLock(c.lockFile, async () => {
    const running = c.nodes.flatMap((n) => {
      const pid = nodePid(n);
      return pid === null ? [] : [{ n, pid }];
    });
    // All at once: stopped one by one, the last two would each wait for leadership to move.
    await Promise.all(running.map(({ n, pid }) => terminate(pid, marker(n), STOP_GRACE_MS)));
    for (const n of c.nodes) rmSync(n.pidFile, { force: true });
    return running.length > 0;
  });
}

/** `pid` is the first live node's (null when none runs); `address` all three brokers, comma-separated. */
export async function kafkaClusterStatus(): Promise<KafkaClusterStatus> {
  const c = kafkaClusterPaths();
  const brokers = kafkaClusterBrokers(c);
  const nodes = c.nodes.map((n) => ({ id: n.id, address: address(n), pid: nodePid(n) }));
  return {
    serving: await kafkaClusterServes(brokers),
    pid: nodes.find((n) => n.pid !== null)?.pid ?? null,
    address: brokers.join(','),
    nodes,
  };
}

/** Signals whose default action ends the process: the kill waits for it to be gone. */
const FATAL: readonly NodeJS.Signals[] = ['SIGKILL', 'SIGTERM', 'SIGINT'];

/**
 * For fault tests: sends `signal` to node `id`. SIGKILL (the default), SIGTERM and SIGINT
 * resolve once the process is gone (SIGTERM is a controlled shutdown: leadership moves first;
 * SIGKILL is a crash: the controller fences the node after broker.session.timeout.ms, 9 s by
 * default). Other signals (SIGSTOP, SIGCONT: a hung node) resolve once sent. False when the
 * node was not running. Its pid file stays; restartKafkaClusterNode brings it back.
 */
export function killKafkaClusterNode(id: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<boolean> {
  const c = kafkaClusterPaths();
  const n = node(c, id);
  return withLock(c.lockFile, async () => {
    const pid = nodePid(n);
    if (pid === null) return false;
    process.kill(pid, signal);
    if (!FATAL.includes(signal)) return true;
    const deadline = Date.now() + (signal === 'SIGKILL' ? 5_000 : STOP_GRACE_MS);
    while (isAliveAs(pid, marker(n))) {
      if (Date.now() > deadline) {
        throw new InfraError(
          `Kafka cluster node ${id} (pid ${pid}) still runs after ${signal}.\n${logExcerpt(n.logFile)}`,
        );
      }
      await sleep(50);
    }
    return true;
  });
}

/**
 * For fault tests: (re)starts node `id` with the cluster's config and its data (stopping it
 * first when it runs, resuming it first when it was SIGSTOPped) and resolves once the node
 * serves again (brokers see it registered and unfenced) and is back in the ISR of every
 * partition it replicates. InfraError with its log when it exits or times out.
 */
export function restartKafkaClusterNode(id: number, log: Log = () => {}): Promise<void> {
  const c = kafkaClusterPaths();
  const n = node(c, id);
  return withLock(c.lockFile, async () => {
    const running = nodePid(n);
    if (running !== null) {
      process.kill(running, 'SIGCONT'); // a stopped JVM would not act on SIGTERM
      await terminate(running, marker(n), STOP_GRACE_MS);
    }
    await assertPortsFree([n]);
    const java = prepare(c, [n], log);
    log(`restarting Kafka cluster node ${id} on ${address(n)}`);
    const { pid, logOffset } = launch(n, java);
    // Asked of the node itself: right after a kill the others still list it (until the
    // controller fences it) and still have it in the ISRs, which says nothing of the new process.
    const res = await waitUntil(
      () =>
        withAdmin([address(n)], 3_000, async (admin) => {
          const { brokers } = await admin.describeCluster();
          if (!brokers.some((b) => b.nodeId === id)) throw new Error(`node ${id} is not registered (or still fenced)`);
          const { gaps } = await isrGaps(admin, undefined, id);
          if (gaps.length > 0) throw new Error(`node ${id} not yet in sync: ${gaps.slice(0, 5).join('; ')}`);
          return true;
        }),
      { timeoutMs: RESTART_TIMEOUT_MS, intervalMs: PROBE_INTERVAL_MS, abortIf: exitedNode(c, new Map([[id, pid]])) },
    );
    if (!res.ok) {
      throw new InfraError(
        `Kafka cluster node ${id} on ${address(n)} did not rejoin: ${res.reason}.\n${logExcerpt(n.logFile, logOffset)}`,
      );
    }
  });
}

/**
 * Resolves once every partition of `topics` (all topics when omitted, __consumer_offsets
 * included) has a leader and its whole replica set in the ISR; InfraError naming the lagging
 * partitions after `timeoutMs`. Asks only nodes whose process is alive. Takes no lock: it
 * only reads, and fault tests call it while another call may hold the lock.
 */
export async function waitKafkaClusterFullIsr(timeoutMs: number, topics?: string[]): Promise<void> {
  const c = kafkaClusterPaths();
  const res = await waitUntil(
    async () => {
      const live = c.nodes.filter((n) => nodePid(n) !== null).map(address);
      if (live.length === 0) throw new Error('no node of the cluster runs');
      return withAdmin(live, 3_000, async (admin) => {
        const { gaps } = await isrGaps(admin, topics);
        if (gaps.length > 0) throw new Error(gaps.slice(0, 8).join('; '));
        return true;
      });
    },
    { timeoutMs, intervalMs: PROBE_INTERVAL_MS },
  );
  if (!res.ok) {
    throw new InfraError(
      `the Kafka cluster's ISR is not full${topics ? ` for ${topics.join(',')}` : ''}: ${res.reason}. ` +
        `A node that is down or lagging is named in ${c.dir}/node-<id>/kafka.log.`,
    );
  }
}
