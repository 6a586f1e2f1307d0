/**
 * The pure half of redis-cluster.ts: each node's redis.conf, and reading a node's CLUSTER NODES
 * and INFO replies into why the cluster does not (yet) serve as tests need it.
 */

export const CLUSTER_SLOTS = 16384;
/** Three primaries, one replica each. */
export const PRIMARIES = 3;
export const CLUSTER_SIZE = 2 * PRIMARIES;

/** The cluster-only lines of a node's redis.conf (after redis.ts's serverConfigLines). */
export function clusterConfigLines(nodesConf: string): string[] {
  return [
    'cluster-enabled yes',
    // Who is who (ids, roles, epochs), rewritten by the node itself; kept across a restart so a
    // killed node rejoins as what it was (and, once replaced, as a replica).
    `cluster-config-file ${JSON.stringify(nodesConf)}`,
    // A primary is declared failed 2 s after it stops answering, so a failover in a test takes
    // seconds (production keeps the 15 s default or so).
    'cluster-node-timeout 2000',
    // The slots of a failed primary stop serving until its replica takes over; the others keep
    // serving, as a game wants (one bucket of treasures briefly away, not the whole game). With
    // the default (yes) every node refuses every command while any slot is uncovered.
    'cluster-require-full-coverage no',
    // A replica's (re)sync starts at once instead of after the default 5 s wait for more
    // replicas, and streams into an empty replica without an RDB file: no persistence anywhere.
    'repl-diskless-sync-delay 0',
    'repl-diskless-load on-empty-db',
  ];
}

export interface ClusterNode {
  port: number;
  id: string;
  role: 'primary' | 'replica';
  /** For a replica: its primary's port. */
  primaryPort: number | null;
  /** [from, to] slot ranges a primary serves. */
  slots: [number, number][];
  /** Flagged fail or fail? (suspected) by the node whose view this is. */
  failed: boolean;
  /** The cluster bus link of the viewing node to this one is up. */
  connected: boolean;
  /** This row is the viewing node itself. */
  myself: boolean;
}

/**
 * CLUSTER NODES, one row a node: `<id> <ip:port@bus> <flags> <primary id|-> <ping> <pong> <epoch>
 * <link-state> <slot>...`; slots in migration (`[n->-id]`) are left out.
 */
export function parseClusterNodes(text: string): ClusterNode[] {
  const rows = text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(' '));
  const portOf = new Map(rows.map((f) => [f[0]!, Number(/:(\d+)@/.exec(f[1] ?? '')?.[1] ?? 0)]));
  return rows.map((f) => {
    const flags = (f[2] ?? '').split(',');
    return {
      port: portOf.get(f[0]!)!,
      id: f[0]!,
      role: flags.includes('master') ? 'primary' : 'replica',
      primaryPort: f[3] === '-' || f[3] === undefined ? null : (portOf.get(f[3]) ?? null),
      slots: f.slice(8).flatMap((r): [number, number][] => {
        const m = /^(\d+)(?:-(\d+))?$/.exec(r);
        return m ? [[Number(m[1]), Number(m[2] ?? m[1])]] : [];
      }),
      failed: flags.includes('fail') || flags.includes('fail?'),
      connected: f[7] === 'connected',
      myself: flags.includes('myself'),
    };
  });
}

/** `key:value` lines of CLUSTER INFO and INFO <section>. */
export function parseInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return out;
}

export const slotCount = (n: ClusterNode) => n.slots.reduce((sum, [a, b]) => sum + b - a + 1, 0);

/** What one answering node told us. */
export interface NodeView {
  port: number;
  clusterInfo: Map<string, string>;
  nodes: ClusterNode[];
  replication: Map<string, string>;
}

/**
 * Why the cluster on `ports` does not serve; empty when it does. `views[i]` is what `ports[i]`
 * answered, null when it did not. Whole (the default): all six answer, every node says
 * cluster_state:ok with all 16384 slots assigned and ok, and three primaries serve all slots,
 * each with exactly one replica whose replication link is online. Not whole (after a node was
 * killed): only the answering nodes must say so, and a primary may lack its replica.
 */
export function clusterProblems(ports: readonly number[], views: readonly (NodeView | null)[], whole = true): string[] {
  const problems: string[] = [];
  const answering = views.filter((v): v is NodeView => v !== null);
  ports.forEach((port, i) => {
    if (views[i] === null && whole) problems.push(`${port} does not answer as a cluster node`);
  });
  for (const v of answering) {
    const state = v.clusterInfo.get('cluster_state') ?? '?';
    const assigned = v.clusterInfo.get('cluster_slots_assigned') ?? '?';
    const ok = v.clusterInfo.get('cluster_slots_ok') ?? '?';
    if (state !== 'ok' || assigned !== String(CLUSTER_SLOTS) || ok !== String(CLUSTER_SLOTS)) {
      problems.push(`${v.port} says cluster_state:${state}, slots assigned ${assigned}, ok ${ok}`);
    }
  }
  const seer = answering[0];
  if (seer === undefined) return ['no node answers'];
  // The topology as one node sees it; each node's own idea of its role must agree with it.
  const strangers = seer.nodes.filter((n) => !ports.includes(n.port)).map((n) => n.port || n.id);
  if (strangers.length > 0)
    problems.push(`${seer.port} knows nodes outside ${ports.join(',')}: ${strangers.join(',')}`);
  const primaries = seer.nodes.filter((n) => n.role === 'primary' && slotCount(n) > 0);
  const failing = primaries.filter((n) => n.failed).map((n) => n.port);
  if (failing.length > 0) problems.push(`${seer.port} flags primary ${failing.join(',')} as failing`);
  const served = primaries.reduce((sum, n) => sum + slotCount(n), 0);
  if (primaries.length !== PRIMARIES || served !== CLUSTER_SLOTS) {
    problems.push(`${seer.port} sees ${primaries.length} primaries serving ${served} slots`);
  }
  for (const v of answering) {
    const self = v.nodes.find((n) => n.myself);
    const seen = seer.nodes.find((n) => n.port === v.port);
    if (self && seen && self.role !== seen.role) {
      problems.push(`${v.port} calls itself ${self.role} but ${seer.port} sees a ${seen.role}`);
    }
  }
  if (!whole) return problems;
  if (seer.nodes.length !== CLUSTER_SIZE) problems.push(`${seer.port} knows ${seer.nodes.length} nodes, not 6`);
  // E.g. a restarted primary that has not yet learnt it was replaced (it still calls itself primary).
  const flagged = seer.nodes.filter((n) => n.failed && !failing.includes(n.port)).map((n) => n.port);
  if (flagged.length > 0) problems.push(`${seer.port} flags ${flagged.join(',')} as failing`);
  for (const primary of primaries) {
    const replicas = seer.nodes.filter((n) => n.primaryPort === primary.port && !n.failed);
    const own = answering.find((v) => v.port === primary.port);
    const online = own?.replication.get('slave0')?.includes('state=online') ?? false;
    const links = own?.replication.get('connected_slaves') ?? '?';
    if (replicas.length !== 1 || links !== '1' || !online) {
      problems.push(
        `primary ${primary.port} has ${replicas.length} replicas (${links} connected${online ? ', online' : ''})`,
      );
    }
  }
  return problems;
}
