import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import { ensureCommands } from './debian';
import { InfraError } from './errors';
import { HOST, redisClusterPaths, type RedisClusterPaths } from './paths';
import { livePid, logExcerpt, terminate, which } from './process';
import { ensureRedisBinary, pingRedis, serverConfigLines, type Log, type ServerStatus } from './redis';
import { waitUntil } from './wait';

const MARKER = 'redis-server';
const SLOTS = 16384;
const READY_TIMEOUT_MS = 30_000;

/** REDIS_URL of the cluster, as services take it (libs/redis-connection parseRedisTarget). */
export function redisClusterUrl(p: RedisClusterPaths = redisClusterPaths()): string {
  return `redis-cluster://${p.ports.map((port) => `${HOST}:${port}`).join(',')}`;
}

function writeConfig(p: RedisClusterPaths, port: number): void {
  const n = p.node(port);
  mkdirSync(n.dir, { recursive: true });
  const lines = [
    ...serverConfigLines({ port, pidFile: n.pidFile, logFile: n.logFile, dir: n.dir }),
    'cluster-enabled yes',
    `cluster-config-file ${JSON.stringify(n.nodesConf)}`,
    // A primary is declared failed 2 s after it stops answering, so a failover in a test takes
    // seconds (production keeps the 15 s default or so).
    'cluster-node-timeout 2000',
    // The slots of a failed primary stop serving until its replica takes over; the others keep
    // serving, as a game wants (one bucket of treasures briefly away, not the whole game).
    'cluster-require-full-coverage no',
  ];
  writeFileSync(n.conf, lines.join('\n') + '\n');
}

/** One node's raw connection for admin commands; never throws on connect, commands may. */
function admin(port: number): Redis {
  const r = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: 2000,
    retryStrategy: () => null,
  });
  r.on('error', () => {});
  return r;
}

async function withAdmin<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = admin(port);
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

export interface ClusterNode {
  port: number;
  id: string;
  role: 'primary' | 'replica';
  /** For a replica: its primary's port. */
  primaryPort: number | null;
  /** [from, to] slot ranges a primary serves. */
  slots: [number, number][];
  failed: boolean;
  connected: boolean;
}

/** The cluster as the node on `port` sees it (CLUSTER NODES). */
async function nodesSeenBy(port: number): Promise<ClusterNode[]> {
  const text = await withAdmin(port, (r) => r.cluster('NODES') as Promise<string>);
  const rows = text
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
  const portOf = new Map(rows.map((f) => [f[0]!, Number(/:(\d+)@/.exec(f[1]!)?.[1])]));
  return rows.map((f) => {
    const flags = f[2]!.split(',');
    return {
      port: portOf.get(f[0]!)!,
      id: f[0]!,
      role: flags.includes('master') ? 'primary' : 'replica',
      primaryPort: f[3] === '-' ? null : (portOf.get(f[3]!) ?? null),
      slots: f.slice(8).flatMap((r): [number, number][] => {
        const m = /^(\d+)(?:-(\d+))?$/.exec(r);
        return m ? [[Number(m[1]), Number(m[2] ?? m[1])]] : [];
      }),
      failed: flags.some((x) => x === 'fail' || x === 'fail?'),
      connected: f[7] === 'connected',
    };
  });
}

/**
 * The cluster's nodes as the first answering node sees them. Throws InfraError when no node
 * answers.
 */
export async function redisClusterNodes(p: RedisClusterPaths = redisClusterPaths()): Promise<ClusterNode[]> {
  for (const port of p.ports) {
    if (await pingRedis(port, 500)) return nodesSeenBy(port);
  }
  throw new InfraError(`no Redis Cluster node answers on ${HOST}:${p.ports.join(',')}`);
}

/**
 * True when the cluster really serves: every node says cluster_state:ok with all 16384 slots ok,
 * three healthy primaries each have a connected replica, and a write and a read through a
 * Cluster client work.
 */
export async function redisClusterServes(p: RedisClusterPaths = redisClusterPaths()): Promise<boolean> {
  try {
    for (const port of p.ports) {
      const info = await withAdmin(port, (r) => r.cluster('INFO'));
      if (!info.includes('cluster_state:ok') || !info.includes(`cluster_slots_ok:${SLOTS}`)) return false;
    }
    const nodes = await nodesSeenBy(p.ports[0]!);
    const primaries = nodes.filter((n) => n.role === 'primary' && n.slots.length > 0 && !n.failed);
    const replicated = primaries.filter((m) =>
      nodes.some((n) => n.role === 'replica' && n.primaryPort === m.port && !n.failed && n.connected),
    );
    if (primaries.length !== 3 || replicated.length !== 3) return false;
    const client = new Cluster([{ host: HOST, port: p.ports[0]! }], {
      redisOptions: { connectTimeout: 1000, maxRetriesPerRequest: 1 },
    });
    client.on('error', () => {});
    try {
      await client.set('infra:probe', '1', 'PX', 10_000);
      return (await client.get('infra:probe')) === '1';
    } finally {
      client.disconnect();
    }
  } catch {
    return false;
  }
}

function startNode(p: RedisClusterPaths, port: number, bin: string): void {
  const n = p.node(port);
  const r = spawnSync(bin, [n.conf], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0)
    throw new InfraError(`redis-server on ${port} exited with ${r.status}.\n${logExcerpt(n.logFile)}`);
}

async function waitPing(p: RedisClusterPaths, port: number, logOffset: number): Promise<void> {
  const res = await waitUntil(() => pingRedis(port), { timeoutMs: 10_000, intervalMs: 100 });
  if (!res.ok)
    throw new InfraError(
      `Redis Cluster node ${HOST}:${port} did not answer PING: ${res.reason}.\n${logExcerpt(p.node(port).logFile, logOffset)}`,
    );
}

async function stopNodes(p: RedisClusterPaths): Promise<boolean> {
  let any = false;
  for (const port of p.ports) {
    const n = p.node(port);
    const pid = livePid(n.pidFile, MARKER);
    if (pid !== null) {
      await terminate(pid, MARKER, 5_000);
      any = true;
    }
    rmSync(n.pidFile, { force: true });
  }
  return any;
}

/**
 * Ensures a Redis Cluster of three primaries with one replica each serves on the configured
 * ports. Reuses ours when it really serves; anything else of ours (nodes down, a half-created or
 * degraded cluster) is wiped and created afresh: it holds test data only. Ports answering for a
 * server we did not start are an InfraError (move the base with INFRA_REDIS_CLUSTER_PORT).
 */
export async function startRedisCluster(log: Log): Promise<'started' | 'reused'> {
  const p = redisClusterPaths();
  if (await redisClusterServes(p)) return 'reused';
  const bin = ensureRedisBinary(log);
  ensureCommands([{ command: 'redis-cli', pkg: 'redis-tools' }], log);
  if (await stopNodes(p)) log('the Redis Cluster was not healthy: recreating it');
  for (const port of p.ports) {
    if (await pingRedis(port, 500)) {
      throw new InfraError(
        `${HOST}:${port} answers for a Redis tools/infra did not start; set INFRA_REDIS_CLUSTER_PORT to free ports`,
      );
    }
  }
  rmSync(p.dir, { recursive: true, force: true });
  log(`starting a Redis Cluster (3 primaries + 3 replicas) on ${HOST}:${p.ports[0]}-${p.ports.at(-1)}`);
  for (const port of p.ports) {
    writeConfig(p, port);
    startNode(p, port, bin);
  }
  for (const port of p.ports) await waitPing(p, port, 0);
  const create = spawnSync(
    which('redis-cli')!,
    ['--cluster', 'create', ...p.ports.map((port) => `${HOST}:${port}`), '--cluster-replicas', '1', '--cluster-yes'],
    { encoding: 'utf8' },
  );
  if (create.status !== 0)
    throw new InfraError(
      `redis-cli --cluster create failed (exit ${create.status}):\n${create.stdout}${create.stderr}`,
    );
  await waitRedisClusterHealthy(READY_TIMEOUT_MS);
  return 'started';
}

/** Stops the nodes tools/infra started. False when none was running. */
export async function stopRedisCluster(): Promise<boolean> {
  return stopNodes(redisClusterPaths());
}

export async function redisClusterStatus(): Promise<ServerStatus> {
  const p = redisClusterPaths();
  const pids = p.ports.map((port) => livePid(p.node(port).pidFile, MARKER));
  return {
    serving: await redisClusterServes(p),
    pid: pids.find((x) => x !== null) ?? null,
    address: redisClusterUrl(p),
  };
}

/** Resolves once the cluster serves again (redisClusterServes); InfraError after `timeoutMs`. */
export async function waitRedisClusterHealthy(timeoutMs: number): Promise<void> {
  const p = redisClusterPaths();
  const res = await waitUntil(() => redisClusterServes(p), { timeoutMs, intervalMs: 200 });
  if (!res.ok) {
    const logs = p.ports.map((port) =>
      existsSync(p.node(port).logFile)
        ? `--- ${port}\n${logExcerpt(p.node(port).logFile, Math.max(0, statSync(p.node(port).logFile).size - 2000))}`
        : '',
    );
    throw new InfraError(`the Redis Cluster is not healthy: ${res.reason}.\n${logs.join('\n')}`);
  }
}

/** For fault tests: SIGKILL one node (no goodbye to the cluster, as a crash). */
export async function killRedisClusterNode(port: number): Promise<void> {
  const n = redisClusterPaths().node(port);
  const pid = livePid(n.pidFile, MARKER);
  if (pid === null) throw new InfraError(`no Redis Cluster node of ours runs on ${port}`);
  process.kill(pid, 'SIGKILL');
  await waitUntil(async () => !(await pingRedis(port, 200)), { timeoutMs: 5_000, intervalMs: 50 });
  rmSync(n.pidFile, { force: true });
}

/** For fault tests: starts a killed node again with its config; it rejoins (as a replica, once replaced). */
export async function restartRedisClusterNode(port: number): Promise<void> {
  const p = redisClusterPaths();
  const n = p.node(port);
  const offset = existsSync(n.logFile) ? statSync(n.logFile).size : 0;
  startNode(
    p,
    port,
    ensureRedisBinary(() => {}),
  );
  await waitPing(p, port, offset);
}

/** The primary serving `key`'s slot (CLUSTER KEYSLOT against the current slot map). */
export async function redisClusterPrimaryOf(key: string): Promise<ClusterNode> {
  const p = redisClusterPaths();
  const nodes = await redisClusterNodes(p);
  const alive = nodes.find((x) => !x.failed && x.connected) ?? nodes[0]!;
  const slot = await withAdmin(alive.port, (r) => r.cluster('KEYSLOT', key));
  const owner = nodes.find(
    (x) => x.role === 'primary' && !x.failed && x.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  if (!owner) throw new InfraError(`no healthy primary serves slot ${slot} of ${key}`);
  return owner;
}

/** For fault tests: a graceful CLUSTER FAILOVER of `primaryPort` to its replica; resolves once the roles swapped. */
export async function failoverRedisCluster(primaryPort: number): Promise<{ newPrimaryPort: number }> {
  const nodes = await redisClusterNodes();
  const replica = nodes.find((x) => x.role === 'replica' && x.primaryPort === primaryPort && !x.failed);
  if (!replica) throw new InfraError(`the primary on ${primaryPort} has no healthy replica to fail over to`);
  await withAdmin(replica.port, (r) => r.cluster('FAILOVER'));
  const res = await waitUntil(
    async () => (await nodesSeenBy(replica.port)).find((x) => x.port === replica.port)?.role === 'primary',
    { timeoutMs: 10_000, intervalMs: 100 },
  );
  if (!res.ok) throw new InfraError(`CLUSTER FAILOVER to ${replica.port} did not complete: ${res.reason}`);
  return { newPrimaryPort: replica.port };
}
