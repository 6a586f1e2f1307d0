import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError } from './errors';
import { kafkaUsesLog4j2, type KafkaPaths } from './paths';
import { which } from './process';

type Log = (line: string) => void;
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies';
/**
 * Written last, so an interrupted download is redone rather than half-used. It holds the pom's
 * hash: jars resolved from an older pom (say, before Kafka 4's Log4j 2 backend) are resolved again.
 */
const COMPLETE_MARKER = '.complete';

function pomStamp(p: KafkaPaths): string {
  return `pom ${createHash('sha256').update(readFileSync(p.pom)).digest('hex').slice(0, 16)}`;
}

function isComplete(p: KafkaPaths, stamp: string): boolean {
  const marker = join(p.jarsDir, COMPLETE_MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').includes(stamp);
}

export function ensureJava(): string {
  const java = which('java');
  if (!java)
    throw new InfraError(
      '`java` is not on PATH; Kafka needs a JDK/JRE 17+. Install it: `apt-get install -y openjdk-17-jre-headless`.',
    );
  return java;
}

/**
 * Makes `<repo>/.cache/kafka-jars/<version>/` hold the broker's runtime jars, resolved by Maven
 * from libs/test-infra/kafka/pom.xml with the logging backend of that Kafka line. A no-op when
 * already complete from the same pom.
 */
export function ensureKafkaJars(p: KafkaPaths, log: Log): void {
  const stamp = pomStamp(p);
  if (isComplete(p, stamp)) return;
  if (!which('mvn')) {
    throw new InfraError(
      '`mvn` is not on PATH; it resolves the Kafka broker jars from Maven Central. Install it: `apt-get install -y maven`.',
    );
  }
  const staging = `${p.jarsDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  log(`resolving org.apache.kafka:kafka_2.13:${p.version} with Maven into ${p.jarsDir}`);
  const logging = kafkaUsesLog4j2(p.version) ? 'log4j2' : 'reload4j';
  const args = [
    '-q',
    '-B',
    '-f',
    p.pom,
    DEPENDENCY_PLUGIN,
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
    `-Dkafka.version=${p.version}`,
    `-Dkafka.logging=${logging}`,
  ];
  // Maven output goes to stderr: stdout is reserved for the KEY=value lines of `up`.
  const r = spawnSync('mvn', args, { stdio: ['ignore', 2, 2] });
  const brokerJar = `kafka_2.13-${p.version}.jar`;
  if (r.status !== 0 || !existsSync(join(staging, brokerJar))) {
    rmSync(staging, { recursive: true, force: true });
    throw new InfraError(
      `Maven could not resolve org.apache.kafka:kafka_2.13:${p.version} (exit ${r.status}; output above). ` +
        'It needs `mvn` (apt-get install -y maven) and access to Maven Central; retry, or run by hand: ' +
        `mvn -f libs/test-infra/kafka/pom.xml ${DEPENDENCY_PLUGIN} -DoutputDirectory=${p.jarsDir} -Dkafka.version=${p.version} -Dkafka.logging=${logging}`,
    );
  }
  writeFileSync(join(staging, COMPLETE_MARKER), `${readdirSync(staging).length} jars, ${stamp}\n`);
  rmSync(p.jarsDir, { recursive: true, force: true });
  renameSync(staging, p.jarsDir);
}
