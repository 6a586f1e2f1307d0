/**
 * A Redis Cluster of three primaries with one replica each on loopback, beside the single Redis
 * of redis.ts: six daemonized redis-server processes in cluster mode (ports from
 * redisClusterPaths(), bus ports +10000), joined by `redis-cli --cluster create`. Test data only:
 * no persistence, and a cluster of ours that is not whole is wiped and created afresh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import { ensureCommands } from './debian';
import { InfraError } from './errors';
import { HOST, redisClusterPaths, type RedisClusterPaths } from './paths';
import { livePid, logExcerpt, terminate, which } from './process';
import { ensureRedisBinary, pingRedis, serverConfigLines, type Log, type ServerStatus } from './redis';
import {
  CLUSTER_SIZE,
  clusterConfigLines,
  clusterProblems,
  parseClusterNodes,
  parseInfo,
  type ClusterNode,
  type NodeView,
} from './redis-cluster-config';
import { waitUntil } from './wait';

export type { ClusterNode } from './redis-cluster-config';

const MARKER = 'redis-server';
/** From six fresh nodes to every slot serving with its replica in sync (a few seconds when idle). */
const READY_TIMEOUT_MS = 30_000;
/** How long a whole-looking cluster of ours (six live nodes that know each other) may take to heal before it is wiped. */
const HEAL_TIMEOUT_MS = 10_000;

/** REDIS_URL of the cluster as services take it (libs/redis-connection parseRedisTarget): every node a seed. */
export function redisClusterUrl(p: RedisClusterPaths = redisClusterPaths()): string {
  return `redis-cluster://${p.ports.map((port) => `${HOST}:${port}`).join(',')}`;
}

function writeConfig(p: RedisClusterPaths, port: number): void {
  const n = p.node(port);
  mkdirSync(n.dir, { recursive: true });
  const lines = [
    ...serverConfigLines({ port, pidFile: n.pidFile, logFile: n.logFile, dir: n.dir }),
    ...clusterConfigLines(n.nodesConf),
  ];
  writeFileSync(n.conf, lines.join('\n') + '\n');
}

/** One node's connection for admin commands: no reconnects, no queueing, every command bounded. */
async function withAdmin<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
    commandTimeout: 2_000,
    retryStrategy: () => null,
  });
  r.on('error', () => {}); // failures surface through the awaited commands
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

/** What `port` says of the cluster; null when it does not answer as a cluster node. */
async function viewOf(port: number): Promise<NodeView | null> {
  try {
    return await withAdmin(port, async (r) => ({
      port,
      clusterInfo: parseInfo(String(await r.call('CLUSTER', 'INFO'))),
      nodes: parseClusterNodes(String(await r.call('CLUSTER', 'NODES'))),
      replication: parseInfo(await r.info('replication')),
    }));
  } catch {
    return null;
  }
}

/** A write and a read through a Cluster client, as services use it; a problem string when they fail. */
async function roundTrip(p: RedisClusterPaths): Promise<string | null> {
  const client = new Cluster(
    p.ports.map((port) => ({ host: HOST, port })),
    {
      enableOfflineQueue: false,
      clusterRetryStrategy: () => null, // one attempt: the caller polls
      redisOptions: { connectTimeout: 1_000, commandTimeout: 2_000 },
    },
  );
  client.on('error', () => {}); // failures surface below
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('not ready after 3 s')), 3_000);
      client.once('ready', resolve);
      client.once('end', () => reject(new Error('it gave up connecting')));
    });
    const value = String(Date.now());
    await client.set('infra:cluster-probe', value, 'PX', 10_000);
    const read = await client.get('infra:cluster-probe');
    return read === value ? null : `a Cluster client read ${read} back, not ${value}`;
  } catch (err) {
    return `a Cluster client write+read failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * Why the cluster does not serve, empty when it does (see clusterProblems; `whole` false accepts
 * a killed node whose slots its replica took over). A round trip through a Cluster client comes last.
 */
async function problemsOf(p: RedisClusterPaths, whole = true): Promise<string[]> {
  const views = await Promise.all(p.ports.map(viewOf));
  const problems = clusterProblems(p.ports, views, whole);
  if (problems.length > 0) return problems;
  const rt = await roundTrip(p);
  return rt === null ? [] : [rt];
}

/** True when the cluster is whole and serves a write and a read (see problemsOf). Never throws. */
export async function redisClusterServes(p: RedisClusterPaths = redisClusterPaths()): Promise<boolean> {
  return (await problemsOf(p)).length === 0;
}

/**
 * The cluster's nodes as the first answering node (in port order) sees them: ports, ids, current
 * roles, slots, failure flags. Throws InfraError when no node answers.
 */
export async function redisClusterNodes(p: RedisClusterPaths = redisClusterPaths()): Promise<ClusterNode[]> {
  for (const port of p.ports) {
    const v = await viewOf(port);
    if (v !== null) return v.nodes;
  }
  throw new InfraError(
    `no Redis Cluster node answers on ${HOST}:${p.ports.join(',')}; start it with ensureRedisCluster`,
  );
}

/** The log tails of the nodes a failure names (all six when it names none), for InfraError messages. */
function logsOf(p: RedisClusterPaths, problems: readonly string[], offsets?: ReadonlyMap<number, number>): string {
  const named = p.ports.filter((port) => problems.some((s) => s.includes(String(port))));
  return (named.length > 0 ? named : p.ports)
    .slice(0, 3)
    .map((port) => {
      const file = p.node(port).logFile;
      const size = existsSync(file) ? statSync(file).size : 0;
      return `--- node ${port}\n${logExcerpt(file, offsets?.get(port) ?? Math.max(0, size - 1_500))}`;
    })
    .join('\n');
}

/**
 * Resolves once the cluster serves again and returns how long that took (ms). Whole (the
 * default): all six nodes, every slot ok, each primary with its replica in sync, a Cluster
 * client's write and read. `{ whole: false }`: the answering nodes have every slot ok (a killed
 * primary's replica took over) and serve a write and a read; the killed node may still be away.
 * InfraError after `timeoutMs`, naming what is still wrong, with the nodes' log tails.
 */
export async function waitRedisClusterHealthy(timeoutMs: number, opts: { whole?: boolean } = {}): Promise<number> {
  return waitHealthy(redisClusterPaths(), timeoutMs, opts.whole ?? true);
}

/** waitRedisClusterHealthy; `offsets` (log sizes before a start) pick what the failure shows of each log. */
async function waitHealthy(
  p: RedisClusterPaths,
  timeoutMs: number,
  whole: boolean,
  offsets?: ReadonlyMap<number, number>,
): Promise<number> {
  const t0 = Date.now();
  let last: string[] = [];
  const res = await waitUntil(async () => (last = await problemsOf(p, whole)).length === 0, {
    timeoutMs,
    intervalMs: 100,
  });
  if (!res.ok) {
    throw new InfraError(
      `the Redis Cluster on ${HOST}:${p.ports[0]}-${p.ports.at(-1)} is not healthy (${res.reason}): ${last.join('; ')}.\n` +
        logsOf(p, last, offsets),
    );
  }
  return Date.now() - t0;
}

function logSizes(p: RedisClusterPaths): Map<number, number> {
  return new Map(
    p.ports.map((port) => {
      const file = p.node(port).logFile;
      return [port, existsSync(file) ? statSync(file).size : 0];
    }),
  );
}

/** Starts one node from its redis.conf and resolves once it answers PING. */
async function startNode(p: RedisClusterPaths, port: number, bin: string): Promise<void> {
  const n = p.node(port);
  const offset = existsSync(n.logFile) ? statSync(n.logFile).size : 0;
  rmSync(n.pidFile, { force: true });
  const r = spawnSync(bin, [n.conf], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    throw new InfraError(`redis-server on ${HOST}:${port} exited with ${r.status}.\n${logExcerpt(n.logFile, offset)}`);
  }
  const started = Date.now();
  const res = await waitUntil(() => pingRedis(port), {
    timeoutMs: 10_000,
    intervalMs: 100,
    // The daemon child writes its pid file right after forking; no live pid after 3 s means it died.
    abortIf: () => (Date.now() - started > 3_000 && livePid(n.pidFile, MARKER) === null ? 'redis-server exited' : null),
  });
  if (!res.ok) {
    throw new InfraError(
      `Redis Cluster node ${HOST}:${port} did not answer PING: ${res.reason}.\n${logExcerpt(n.logFile, offset)}`,
    );
  }
}

/** Stops our nodes on `p.ports` (SIGTERM, SIGKILL after 5 s). True when any was running. */
async function stopNodes(p: RedisClusterPaths): Promise<boolean> {
  const stopped = await Promise.all(
    p.ports.map(async (port) => {
      const n = p.node(port);
      const pid = livePid(n.pidFile, MARKER);
      if (pid !== null) await terminate(pid, MARKER, 5_000);
      rmSync(n.pidFile, { force: true });
      return pid !== null;
    }),
  );
  return stopped.includes(true);
}

/** Six nodes of ours, alive, that all know each other: a failover or a rejoin may still be settling. */
async function formedByUs(p: RedisClusterPaths): Promise<boolean> {
  if (p.ports.some((port) => livePid(p.node(port).pidFile, MARKER) === null)) return false;
  const views = await Promise.all(p.ports.map(viewOf));
  return views.every((v) => v?.clusterInfo.get('cluster_known_nodes') === String(CLUSTER_SIZE));
}

/**
 * Ensures a Redis Cluster of three primaries with one replica each serves on the configured
 * ports, and resolves only once it is whole (waitRedisClusterHealthy). 'reused': one already
 * served (ours or not), or ours healed within 10 s. Any other state of ours (nodes down, fresh,
 * a half-created or broken cluster) is stopped, wiped and created afresh: it holds test data
 * only. A port answering for a server we did not start is an InfraError.
 */
export async function startRedisCluster(log: Log): Promise<'started' | 'reused'> {
  const p = redisClusterPaths();
  const problems = await problemsOf(p);
  if (problems.length === 0) return 'reused';
  if (await formedByUs(p)) {
    // Wiping it would pull the cluster from under a test using it; a failover settles in seconds.
    log(`the Redis Cluster is not whole (${problems.join('; ')}): giving it up to 10 s to heal`);
    const healed = await waitUntil(async () => (await problemsOf(p)).length === 0, {
      timeoutMs: HEAL_TIMEOUT_MS,
      intervalMs: 250,
    });
    if (healed.ok) return 'reused';
  }
  const bin = ensureRedisBinary(log);
  ensureCommands([{ command: 'redis-cli', pkg: 'redis-tools' }], log);
  if (await stopNodes(p)) log(`the Redis Cluster was not healthy (${problems.join('; ')}): recreating it`);
  for (const port of p.ports) {
    if (await pingRedis(port, 500)) {
      throw new InfraError(
        `${HOST}:${port} answers for a Redis tools/infra did not start (no live pid in ${p.node(port).pidFile}); ` +
          'stop it, or set INFRA_REDIS_CLUSTER_PORT to a base with six free ports',
      );
    }
  }
  log(`starting a Redis Cluster (3 primaries + 3 replicas) on ${HOST}:${p.ports[0]}-${p.ports.at(-1)}`);
  const offsets = logSizes(p);
  for (const port of p.ports) {
    // Only this node's state: other bases' nodes live beside it under the same folder.
    rmSync(p.node(port).nodesConf, { force: true });
    rmSync(`${p.node(port).dir}/dump.rdb`, { force: true });
    writeConfig(p, port);
  }
  try {
    // Settled, not all: every node's wait is over before a failure stops the others.
    const starts = await Promise.allSettled(p.ports.map((port) => startNode(p, port, bin)));
    const failed = starts.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const create = spawnSync(
      which('redis-cli')!,
      ['--cluster', 'create', ...p.ports.map((port) => `${HOST}:${port}`), '--cluster-replicas', '1', '--cluster-yes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) {
      const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'); // redis-cli colours even into a pipe
      const out = `${create.stdout ?? ''}${create.stderr ?? ''}`
        .replace(ansi, '')
        .trimEnd()
        .split('\n')
        .slice(-20)
        .join('\n');
      throw new InfraError(
        `\`redis-cli --cluster create\` failed (exit ${create.status ?? create.error?.message}):\n${out}\n${logsOf(p, [], offsets)}`,
      );
    }
    await waitHealthy(p, READY_TIMEOUT_MS, true, offsets);
  } catch (err) {
    await stopNodes(p); // no half-made cluster left running; the next start begins afresh anyway
    throw err;
  }
  return 'started';
}

/**
 * Stops the nodes tools/infra started (pid files). The next startRedisCluster creates a fresh
 * cluster (no node runs, so none is reused). False when none ran.
 */
export async function stopRedisCluster(): Promise<boolean> {
  return stopNodes(redisClusterPaths());
}

/** `serving`: whole and answering a Cluster client (redisClusterServes); `pid`: the first live node's. */
export async function redisClusterStatus(): Promise<ServerStatus> {
  const p = redisClusterPaths();
  const pids = p.ports.map((port) => livePid(p.node(port).pidFile, MARKER));
  return {
    serving: await redisClusterServes(p),
    pid: pids.find((x) => x !== null) ?? null,
    address: redisClusterUrl(p),
  };
}

/** For fault tests: SIGKILL one node of ours (no goodbye to the cluster, as a crash); resolves once it is gone. */
export async function killRedisClusterNode(port: number): Promise<void> {
  const n = redisClusterPaths().node(port);
  const pid = livePid(n.pidFile, MARKER);
  if (pid === null)
    throw new InfraError(`no Redis Cluster node of ours runs on ${HOST}:${port} (pid file ${n.pidFile})`);
  process.kill(pid, 'SIGKILL');
  const gone = await waitUntil(async () => livePid(n.pidFile, MARKER) === null && !(await pingRedis(port, 200)), {
    timeoutMs: 5_000,
    intervalMs: 20,
  });
  if (!gone.ok) throw new InfraError(`the Redis Cluster node on ${port} (pid ${pid}) survived SIGKILL: ${gone.reason}`);
  rmSync(n.pidFile, { force: true });
}

/**
 * For fault tests: starts a killed node again with its redis.conf and nodes.conf; resolves once it
 * answers PING. It rejoins by itself, as a replica once its replica was promoted: wait for that
 * with waitRedisClusterHealthy.
 */
export async function restartRedisClusterNode(port: number): Promise<void> {
  const p = redisClusterPaths();
  const n = p.node(port);
  if (!p.ports.includes(port)) throw new InfraError(`${port} is not a Redis Cluster port (${p.ports.join(',')})`);
  if (!existsSync(n.conf)) throw new InfraError(`no ${n.conf}: start the cluster with ensureRedisCluster first`);
  if (livePid(n.pidFile, MARKER) !== null) throw new InfraError(`the Redis Cluster node on ${port} still runs`);
  await startNode(
    p,
    port,
    ensureRedisBinary(() => {}),
  );
}

/** The primary serving `key`'s slot (CLUSTER KEYSLOT against the current slot map). */
export async function redisClusterPrimaryOf(key: string): Promise<ClusterNode> {
  const nodes = await redisClusterNodes();
  const alive = nodes.find((x) => !x.failed && x.connected) ?? nodes[0]!;
  const slot = Number(await withAdmin(alive.port, (r) => r.call('CLUSTER', 'KEYSLOT', key)));
  const owner = nodes.find(
    (x) => x.role === 'primary' && !x.failed && x.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  if (!owner) throw new InfraError(`no healthy primary serves slot ${slot} of ${key}`);
  return owner;
}

/**
 * For fault tests: a manual CLUSTER FAILOVER (no data lost: the replica catches up first) sent to
 * the replica of `primaryPort`; resolves once every answering node sees the roles swapped, with
 * how long that took. InfraError when `primaryPort` is no primary with a replica, or after 15 s.
 */
export async function failoverRedisCluster(primaryPort: number): Promise<{ newPrimaryPort: number; ms: number }> {
  const p = redisClusterPaths();
  const self = (await viewOf(primaryPort))?.nodes.find((n) => n.myself);
  if (self?.role !== 'primary') throw new InfraError(`${HOST}:${primaryPort} is not a Redis Cluster primary now`);
  const nodes = await redisClusterNodes();
  const replica = nodes.find((x) => x.role === 'replica' && x.primaryPort === primaryPort && !x.failed);
  if (!replica) throw new InfraError(`the primary on ${primaryPort} has no healthy replica to fail over to`);
  const t0 = Date.now();
  await withAdmin(replica.port, (r) => r.call('CLUSTER', 'FAILOVER'));
  const swapped = (v: NodeView | null) => {
    const promoted = v?.nodes.find((n) => n.port === replica.port);
    const demoted = v?.nodes.find((n) => n.port === primaryPort);
    return promoted?.role === 'primary' && demoted?.role === 'replica' && demoted.primaryPort === replica.port;
  };
  // Both sides first, then the others' views: a caller reading redisClusterNodes must see the swap.
  const res = await waitUntil(
    async () => (await Promise.all(p.ports.map(viewOf))).filter((v) => v !== null).every(swapped),
    { timeoutMs: 15_000, intervalMs: 50 },
  );
  if (!res.ok) {
    throw new InfraError(
      `CLUSTER FAILOVER of ${primaryPort} to ${replica.port} did not swap the roles: ${res.reason}.\n` +
        logsOf(redisClusterPaths(), [String(primaryPort), String(replica.port)]),
    );
  }
  return { newPrimaryPort: replica.port, ms: Date.now() - t0 };
}
