import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: this file lives at <repo>/libs/test-infra/src/paths.ts. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runtime state (pids, logs, data). Git-ignored via `.infra/`. */
export const infraDir = join(repoRoot, '.infra');
/** Serializes ensure/stop across processes (e.g. parallel test files). */
export const lockFile = join(infraDir, 'lock');

/** Loopback only: tests must never reach another address. */
export const HOST = '127.0.0.1';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`);
  }
  return port;
}

export interface RedisPaths {
  port: number;
  dir: string;
  conf: string;
  pidFile: string;
  logFile: string;
  dataDir: string;
}

/** 6390 rather than 6379 so a system redis (e.g. Debian's service) does not collide. */
export function redisPaths(): RedisPaths {
  const dir = join(infraDir, 'redis');
  return {
    port: portFromEnv('INFRA_REDIS_PORT', 6390),
    dir,
    conf: join(dir, 'redis.conf'),
    pidFile: join(dir, 'redis.pid'),
    logFile: join(dir, 'redis.log'),
    dataDir: join(dir, 'data'),
  };
}

export interface RedisClusterPaths {
  /** The six nodes' ports: three primaries and their replicas (roles move on failover). */
  ports: number[];
  dir: string;
  /** One server's files; `nodes.conf` is the cluster's own state (who is who), kept across restarts. */
  node(port: number): { dir: string; conf: string; nodesConf: string; pidFile: string; logFile: string };
}

/**
 * 6400..6405 (bus ports +10000) unless INFRA_REDIS_CLUSTER_PORT moves the base. Every base's
 * nodes live side by side in .infra/redis-cluster/<port>/, so two bases never share a file.
 */
export function redisClusterPaths(): RedisClusterPaths {
  const base = portFromEnv('INFRA_REDIS_CLUSTER_PORT', 6400);
  if (base + 5 + 10_000 > 65535) {
    throw new Error(
      `INFRA_REDIS_CLUSTER_PORT=${base}: the six ports and their bus ports (+10000) must stay below 65536`,
    );
  }
  const dir = join(infraDir, 'redis-cluster');
  return {
    ports: Array.from({ length: 6 }, (_, i) => base + i),
    dir,
    node: (port) => {
      const d = join(dir, String(port));
      return {
        dir: d,
        conf: join(d, 'redis.conf'),
        nodesConf: join(d, 'nodes.conf'),
        pidFile: join(d, 'redis.pid'),
        logFile: join(d, 'redis.log'),
      };
    },
  };
}

export interface KafkaPaths {
  version: string;
  port: number;
  controllerPort: number;
  dir: string;
  conf: string;
  log4jConf: string;
  pidFile: string;
  logFile: string;
  dataDir: string;
  pom: string;
  jarsDir: string;
}

/**
 * The broker `npm run infra` and `npm test` run unless INFRA_KAFKA_VERSION names another: the
 * newest Kafka release when chosen. kafkajs 2.2.4 asks ApiVersions and sends each request at
 * the highest version both sides know; Kafka 4's removal of old versions (KIP-896) left one for
 * every request it sends (Fetch v11, ListOffsets v3, CreateTopics v3, JoinGroup v5, ...).
 * 3.9.x, the default before, still works as an override.
 */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

/** Kafka 4 logs through Log4j 2; 3.x through the Log4j 1 API (reload4j). */
export function kafkaUsesLog4j2(version: string): boolean {
  return Number.parseInt(version, 10) >= 4;
}

/**
 * Paths of the one broker tools/infra runs. Its data lives in a folder of its version's own:
 * a log dir formatted by 4.x cannot be read by 3.x ("No MetadataVersion with feature level"),
 * so switching INFRA_KAFKA_VERSION starts from an empty broker rather than a broken one.
 */
export function kafkaPaths(): KafkaPaths {
  const dir = join(infraDir, 'kafka');
  const version = process.env['INFRA_KAFKA_VERSION'] || DEFAULT_KAFKA_VERSION;
  return {
    version,
    port: portFromEnv('INFRA_KAFKA_PORT', 19092),
    controllerPort: portFromEnv('INFRA_KAFKA_CONTROLLER_PORT', 19093),
    dir,
    conf: join(dir, 'server.properties'),
    log4jConf: join(dir, kafkaUsesLog4j2(version) ? 'log4j2.properties' : 'log4j.properties'),
    pidFile: join(dir, 'kafka.pid'),
    logFile: join(dir, 'kafka.log'),
    dataDir: join(dir, `data-${version}`),
    pom: join(repoRoot, 'libs', 'test-infra', 'kafka', 'pom.xml'),
    jarsDir: join(repoRoot, '.cache', 'kafka-jars', version),
  };
}

export interface PrometheusPaths {
  port: number;
  dir: string;
  conf: string;
  /** The file_sd file the scrape targets are read from (rewritten atomically). */
  targetsFile: string;
  pidFile: string;
  logFile: string;
  dataDir: string;
  lockFile: string;
}

/**
 * 19090 rather than 9090 so a system Prometheus does not collide. `dir` lets a caller (a test,
 * the game day) run its own server beside the one `npm run infra -- up --with prometheus` starts.
 */
export function prometheusPaths(
  dir = join(infraDir, 'prometheus'),
  port = portFromEnv('INFRA_PROMETHEUS_PORT', 19090),
): PrometheusPaths {
  return {
    port,
    dir,
    conf: join(dir, 'prometheus.yml'),
    targetsFile: join(dir, 'targets.json'),
    pidFile: join(dir, 'prometheus.pid'),
    logFile: join(dir, 'prometheus.log'),
    dataDir: join(dir, 'data'),
    // Its own lock, not .infra/lock: starting a Prometheus must not hold up Redis or Kafka users.
    lockFile: join(dir, 'lock'),
  };
}
