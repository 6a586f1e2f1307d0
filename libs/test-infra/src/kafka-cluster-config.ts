import { join } from 'node:path';
import { renderProperties, testNodeProperties } from './kafka-config';
import type { JvmHeap, Properties } from './kafka-config';
import { HOST, infraDir, kafkaPaths, kafkaUsesLog4j2 } from './paths';
import type { KafkaPaths } from './paths';

/** Node ids of the three-node cluster; each node is a voter and a broker. */
export const KAFKA_CLUSTER_NODE_IDS = [1, 2, 3] as const;
export type KafkaClusterNodeId = (typeof KAFKA_CLUSTER_NODE_IDS)[number];

/** Controller ports sit this far above the broker ports: 19101..19103 -> 19111..19113. */
const CONTROLLER_PORT_OFFSET = 10;
const DEFAULT_BASE_PORT = 19101;

/**
 * Three JVMs beside the tests on a 2-core machine: a third of the single broker's heap each
 * (a test cluster holds a few small topics; the heap is mostly request buffers and metadata).
 */
export const CLUSTER_NODE_HEAP: JvmHeap = { initial: '128m', max: '384m' };

/** One node: a KafkaPaths (so jvmArgs, formatStorage and ensureKafkaJars take it) plus its id. */
export interface KafkaClusterNodePaths extends KafkaPaths {
  id: KafkaClusterNodeId;
}

export interface KafkaClusterPaths {
  version: string;
  /** .infra/kafka-cluster: the shared log4j config and the lock; node-<id>/ below it. */
  dir: string;
  /** Serializes start/stop/kill/restart across processes; not .infra/lock, so Redis and the single broker never wait on it. */
  lockFile: string;
  log4jConf: string;
  /** .infra/kafka-cluster/data-<version>: one log dir per node below it. */
  dataDir: string;
  pom: string;
  jarsDir: string;
  nodes: KafkaClusterNodePaths[];
}

/** Base broker port from INFRA_KAFKA_CLUSTER_PORT; all six ports (base..base+12) must be valid. */
function basePortFromEnv(): number {
  const raw = process.env['INFRA_KAFKA_CLUSTER_PORT'];
  if (raw === undefined || raw === '') return DEFAULT_BASE_PORT;
  const port = Number(raw);
  const highest = 65535 - CONTROLLER_PORT_OFFSET - (KAFKA_CLUSTER_NODE_IDS.length - 1);
  if (!Number.isInteger(port) || port < 1 || port > highest) {
    throw new Error(
      `INFRA_KAFKA_CLUSTER_PORT=${raw} is not a base port (1-${highest}; nodes use base..base+2 and base+10..base+12)`,
    );
  }
  return port;
}

/**
 * Paths of the three-node cluster. It runs the single broker's Kafka version and jars
 * (INFRA_KAFKA_VERSION), with data per version for the same reason (a 4.x log dir cannot be
 * read by 3.x), and ports of its own so it runs beside the single broker.
 */
export function kafkaClusterPaths(): KafkaClusterPaths {
  const { version, pom, jarsDir } = kafkaPaths();
  const base = basePortFromEnv();
  const dir = join(infraDir, 'kafka-cluster');
  const dataDir = join(dir, `data-${version}`);
  const log4jConf = join(dir, kafkaUsesLog4j2(version) ? 'log4j2.properties' : 'log4j.properties');
  const nodes = KAFKA_CLUSTER_NODE_IDS.map((id, i): KafkaClusterNodePaths => {
    const nodeDir = join(dir, `node-${id}`);
    return {
      id,
      version,
      port: base + i,
      controllerPort: base + CONTROLLER_PORT_OFFSET + i,
      dir: nodeDir,
      conf: join(nodeDir, 'server.properties'),
      log4jConf,
      pidFile: join(nodeDir, 'kafka.pid'),
      logFile: join(nodeDir, 'kafka.log'),
      dataDir: join(dataDir, `node-${id}`),
      pom,
      jarsDir,
    };
  });
  return { version, dir, lockFile: join(dir, 'lock'), log4jConf, dataDir, pom, jarsDir, nodes };
}

/**
 * Durability as a production cluster would have it, so fault tests mean something: every topic
 * (and the offsets and transaction logs) on all three nodes, a write acknowledged with acks=all
 * only once two of them have it, and never a leader from outside the ISR (which could drop
 * acknowledged writes). The rest is the single broker's test tuning.
 */
const CLUSTER_REPLICATION: Properties = {
  'default.replication.factor': 3,
  'min.insync.replicas': 2,
  'offsets.topic.replication.factor': 3,
  'transaction.state.log.replication.factor': 3,
  'transaction.state.log.min.isr': 2,
  'unclean.leader.election.enable': false,
};

/** `controller.quorum.voters` of the cluster: a static quorum of all three nodes. */
export function clusterVoters(c: Pick<KafkaClusterPaths, 'nodes'>): string {
  return c.nodes.map((n) => `${n.id}@${HOST}:${n.controllerPort}`).join(',');
}

/** server.properties of `node` in cluster `c`. */
export function clusterNodeProperties(c: Pick<KafkaClusterPaths, 'nodes'>, node: KafkaClusterNodePaths): string {
  return renderProperties({
    ...testNodeProperties({
      nodeId: node.id,
      voters: clusterVoters(c),
      port: node.port,
      controllerPort: node.controllerPort,
      dataDir: node.dataDir,
    }),
    ...CLUSTER_REPLICATION,
  });
}

export function clusterBrokers(c: Pick<KafkaClusterPaths, 'nodes'>): string[] {
  return c.nodes.map((n) => `${HOST}:${n.port}`);
}
