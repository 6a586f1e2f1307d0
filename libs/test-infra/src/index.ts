/**
 * Real Redis and Kafka (and, on request, Prometheus and a Redis Cluster) on loopback for tests,
 * started by the project itself. Every exported ensure, start and stop holds a cross-process
 * lock (.infra/lock; each Prometheus state dir has its own), so parallel test processes cannot
 * start the same server twice; the Redis Cluster's fault helpers (one node killed, restarted,
 * failed over) do not, as the chaos tests that use them run alone. Failures throw InfraError
 * whose message says what to install or fix.
 */
import * as kafka from './kafka';
import * as kafkaCluster from './kafka-cluster';
import { lockFile } from './paths';
import { withLock } from './process';
import * as redis from './redis';
import * as redisCluster from './redis-cluster';
import type { ServerStatus } from './redis';

export { ensureCommands, TEST_TOOLCHAIN } from './debian';
export { InfraError } from './errors';
export { DEFAULT_KAFKA_VERSION } from './paths';
export type { ServerStatus } from './redis';
export {
  failoverRedisCluster,
  killRedisClusterNode,
  redisClusterNodes,
  redisClusterPrimaryOf,
  redisClusterUrl,
  restartRedisClusterNode,
  waitRedisClusterHealthy,
} from './redis-cluster';
export type { ClusterNode } from './redis-cluster';
export {
  kafkaClusterBrokers,
  killKafkaClusterNode,
  restartKafkaClusterNode,
  waitKafkaClusterFullIsr,
} from './kafka-cluster';
export { prometheusStatus, SHIPPED_ALERT_RULES, startPrometheus, stopPrometheus } from './prometheus';
export type { PrometheusOptions, PrometheusServer } from './prometheus';
export type { ScrapeTarget } from './prometheus-config';
export { PrometheusApiError, prometheusClient } from './prometheus-client';
export type { ActiveAlert, Labels, PrometheusClient, Rule, RuleGroup, Sample, Series } from './prometheus-client';

interface InfraEndpoints {
  redisUrl: string;
  kafkaBrokers: string[];
}

interface InfraOptions {
  /** Progress lines; defaults to stderr so stdout stays machine-readable. */
  log?: (line: string) => void;
}

const stderrLog = (line: string) => process.stderr.write(`[infra] ${line}\n`);

/**
 * Idempotent: reuses servers already serving, starts what is missing, and
 * resolves only once each really serves. `started` names what this call started.
 */
export async function ensureInfra(opts: InfraOptions = {}): Promise<InfraEndpoints & { started: string[] }> {
  const log = opts.log ?? stderrLog;
  return withLock(lockFile, async () => {
    const started: string[] = [];
    const r = await redis.startRedis(log);
    if (r === 'started') started.push('redis');
    if (r === 'foreign') log(`reusing a Redis not started by tools/infra at ${redis.redisUrl()}`);
    const k = await kafka.startKafka(log);
    if (k === 'started') started.push('kafka');
    if (k === 'foreign') log(`reusing a Kafka not started by tools/infra at ${kafka.kafkaBrokers().join(',')}`);
    return { redisUrl: redis.redisUrl(), kafkaBrokers: kafka.kafkaBrokers(), started };
  });
}

/** Stops only the servers tools/infra started (pid files); safe when nothing runs. */
export async function stopInfra(opts: InfraOptions = {}): Promise<void> {
  const log = opts.log ?? stderrLog;
  await withLock(lockFile, async () => {
    if (await kafka.stopKafka()) log('stopped kafka');
    if (await redis.stopRedis()) log('stopped redis');
  });
}

interface InfraStatus {
  redis: ServerStatus;
  kafka: ServerStatus;
}

export async function infraStatus(): Promise<InfraStatus> {
  const [r, k] = await Promise.all([redis.redisStatus(), kafka.kafkaStatus()]);
  return { redis: r, kafka: k };
}

/** For failure tests: same port and data dir; resolves when PING answers. */
export async function startRedis(opts: InfraOptions = {}): Promise<void> {
  await withLock(lockFile, () => redis.startRedis(opts.log ?? stderrLog));
}

/** For failure tests: stops our Redis; a fresh connection then fails fast. */
export async function stopRedis(): Promise<void> {
  await withLock(lockFile, () => redis.stopRedis());
}

/** For failure tests: same port and data dir; resolves when metadata requests succeed. */
export async function startKafka(opts: InfraOptions = {}): Promise<void> {
  await withLock(lockFile, () => kafka.startKafka(opts.log ?? stderrLog));
}

/** For failure tests: SIGTERM (SIGKILL after 30 s) our broker; topics survive a later startKafka. */
export async function stopKafka(): Promise<void> {
  await withLock(lockFile, () => kafka.stopKafka());
}

/**
 * A Redis Cluster of three primaries with one replica each (redis-cluster.ts), beside the single
 * Redis, under the same lock. Idempotent: reuses a cluster that serves, recreates one of ours that
 * is broken, and resolves only once it is whole (every slot ok, each primary with its replica in
 * sync, a Cluster client's write and read). `url` is its REDIS_URL (redis-cluster://, all six
 * nodes as seeds); `started` is false when it was reused.
 */
export async function ensureRedisCluster(opts: InfraOptions = {}): Promise<{ url: string; started: boolean }> {
  return withLock(lockFile, async () => {
    const outcome = await redisCluster.startRedisCluster(opts.log ?? stderrLog);
    return { url: redisCluster.redisClusterUrl(), started: outcome === 'started' };
  });
}

/** Stops the cluster's nodes that tools/infra started; false when none ran. */
export async function stopRedisCluster(): Promise<boolean> {
  return withLock(lockFile, () => redisCluster.stopRedisCluster());
}

/** Read-only, so without the lock (like infraStatus): `status` must not wait behind a Kafka start. */
export function redisClusterStatus(): Promise<ServerStatus> {
  return redisCluster.redisClusterStatus();
}

/**
 * A three-node Kafka (KRaft, replication factor 3, min.insync.replicas 2; kafka-cluster.ts) beside
 * the single broker, under its own lock; idempotent, resolves once every broker serves and the
 * offsets topic has its full ISR. `brokers` is its KAFKA_BROKERS.
 */
export async function ensureKafkaCluster(opts: InfraOptions = {}): Promise<{ brokers: string[]; started: boolean }> {
  const outcome = await kafkaCluster.startKafkaCluster(opts.log ?? stderrLog);
  return { brokers: kafkaCluster.kafkaClusterBrokers(), started: outcome === 'started' };
}

/** Stops the three nodes that tools/infra started; false when none ran. */
export function stopKafkaCluster(): Promise<boolean> {
  return kafkaCluster.stopKafkaCluster();
}

/** Read-only, without a lock, like infraStatus. */
export function kafkaClusterStatus(): Promise<ServerStatus> {
  return kafkaCluster.kafkaClusterStatus();
}
