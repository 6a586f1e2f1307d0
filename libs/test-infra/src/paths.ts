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
 * Kafka 3.9.1: kafkajs 2.2.4 works against 3.9.x; 4.0.0 removed protocol
 * versions it relies on. Override with INFRA_KAFKA_VERSION at your own risk.
 */
export function kafkaPaths(): KafkaPaths {
  const dir = join(infraDir, 'kafka');
  const version = process.env['INFRA_KAFKA_VERSION'] || '3.9.1';
  return {
    version,
    port: portFromEnv('INFRA_KAFKA_PORT', 19092),
    controllerPort: portFromEnv('INFRA_KAFKA_CONTROLLER_PORT', 19093),
    dir,
    conf: join(dir, 'server.properties'),
    log4jConf: join(dir, 'log4j.properties'),
    pidFile: join(dir, 'kafka.pid'),
    logFile: join(dir, 'kafka.log'),
    dataDir: join(dir, 'data'),
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
