import { HOST, kafkaUsesLog4j2 } from './paths';
import type { KafkaPaths } from './paths';

export type Properties = Record<string, string | number | boolean>;

/** Where one KRaft node (combined broker+controller) listens and keeps its log. */
export interface KraftNode {
  nodeId: number;
  /** `controller.quorum.voters`: `<id>@<host>:<controller port>` for every voter, comma-separated. */
  voters: string;
  port: number;
  controllerPort: number;
  dataDir: string;
}

/**
 * A combined broker+controller tuned for tests on a small, shared machine: loopback listeners
 * only (never `localhost`, which may resolve to ::1), replication factor 1 everywhere, no
 * initial rebalance delay, and few threads/partitions so startup and first group join are
 * quick. The base of the single broker and of each node of the three-node cluster (which
 * overrides the replication keys; a spread keeps each key's place, so the text stays stable).
 */
export function testNodeProperties(n: KraftNode): Properties {
  return {
    'process.roles': 'broker,controller',
    'node.id': n.nodeId,
    'controller.quorum.voters': n.voters,
    listeners: `PLAINTEXT://${HOST}:${n.port},CONTROLLER://${HOST}:${n.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${n.port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': n.dataDir,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
    // kafkajs 2.2.4 speaks only the classic group protocol.
    'group.coordinator.rebalance.protocols': 'classic',
    // Tests create their topics explicitly; a typo should fail, not create a topic.
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'log.retention.hours': 24,
    // The default 128 MiB compaction buffer would take a quarter of the small heap.
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
  };
}

/** `key=value` lines in insertion order, as server.properties. */
export function renderProperties(props: Properties): string {
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}

/** The single broker: node 1, its own only voter. */
export function serverProperties(p: KafkaPaths): string {
  return renderProperties(
    testNodeProperties({
      nodeId: 1,
      voters: `1@${HOST}:${p.controllerPort}`,
      port: p.port,
      controllerPort: p.controllerPort,
      dataDir: p.dataDir,
    }),
  );
}

/** Loggers quieted to WARN: per-partition state changes, every request, the broker's own clients. */
const QUIET_LOGGERS = ['state.change.logger', 'kafka.request.logger', 'org.apache.kafka.clients'];
const PATTERN = '[%d] %p %m (%c)%n';

/**
 * The broker's logging config, written to `p.log4jConf`: everything at INFO to stdout, which the
 * launcher redirects to `.infra/kafka/kafka.log`. Log4j 2 properties for Kafka 4.x (without
 * one, Log4j 2 prints "No configuration found" and logs errors only), Log4j 1 for 3.x.
 */
export function log4jConfig(p: Pick<KafkaPaths, 'version'>): string {
  if (!kafkaUsesLog4j2(p.version)) {
    return [
      'log4j.rootLogger=INFO, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      `log4j.appender.stdout.layout.ConversionPattern=${PATTERN}`,
      ...QUIET_LOGGERS.map((name) => `log4j.logger.${name}=WARN`),
      '',
    ].join('\n');
  }
  return [
    'status = warn',
    // Log4j 2's own JVM shutdown hook stops logging while the broker is still shutting down
    // (its last lines were lost); with console output there is nothing to flush.
    'shutdownHook = disable',
    'appender.stdout.type = Console',
    'appender.stdout.name = STDOUT',
    'appender.stdout.layout.type = PatternLayout',
    `appender.stdout.layout.pattern = ${PATTERN}`,
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.stdout.ref = STDOUT',
    ...QUIET_LOGGERS.flatMap((name, i) => [`logger.quiet${i}.name = ${name}`, `logger.quiet${i}.level = WARN`]),
    '',
  ].join('\n');
}

export interface JvmHeap {
  /** -Xms */
  initial: string;
  /** -Xmx */
  max: string;
}

/** The single broker's heap. */
export const BROKER_HEAP: JvmHeap = { initial: '256m', max: '512m' };

/** Small, predictable JVM: the machine has 2 cores shared with the tests. */
export function jvmArgs(p: Pick<KafkaPaths, 'version' | 'log4jConf' | 'jarsDir'>, heap = BROKER_HEAP): string[] {
  const logging = kafkaUsesLog4j2(p.version)
    ? `-Dlog4j2.configurationFile=${p.log4jConf}`
    : `-Dlog4j.configuration=file:${p.log4jConf}`;
  return [
    `-Xms${heap.initial}`,
    `-Xmx${heap.max}`,
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    logging,
    '-cp',
    `${p.jarsDir}/*`,
  ];
}
