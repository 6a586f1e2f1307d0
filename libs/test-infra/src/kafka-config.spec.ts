/**
 * The broker's logging follows its Kafka line: Log4j 2 for 4.x, the Log4j 1 API (reload4j) for
 * 3.x, each with its own config file, system property and data folder per version.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { afterEach, test } from 'node:test';
import { jvmArgs, log4jConfig, serverProperties } from './kafka-config';
import { DEFAULT_KAFKA_VERSION, kafkaPaths } from './paths';

const saved = process.env['INFRA_KAFKA_VERSION'];
afterEach(() => {
  if (saved === undefined) delete process.env['INFRA_KAFKA_VERSION'];
  else process.env['INFRA_KAFKA_VERSION'] = saved;
});

function pathsFor(version: string | undefined) {
  if (version === undefined) delete process.env['INFRA_KAFKA_VERSION'];
  else process.env['INFRA_KAFKA_VERSION'] = version;
  return kafkaPaths();
}

test('the default is a Kafka 4 broker, configured through Log4j 2', () => {
  const p = pathsFor(undefined);
  assert.equal(p.version, DEFAULT_KAFKA_VERSION);
  assert.match(p.version, /^4\./);
  assert.equal(basename(p.log4jConf), 'log4j2.properties');
  assert.ok(jvmArgs(p).includes(`-Dlog4j2.configurationFile=${p.log4jConf}`));
  const conf = log4jConfig(p);
  assert.match(conf, /^rootLogger\.level = INFO$/m);
  assert.match(conf, /^shutdownHook = disable$/m);
  assert.match(conf, /^logger\.quiet1\.name = kafka\.request\.logger\nlogger\.quiet1\.level = WARN$/m);
});

test('a 3.x override is configured through Log4j 1 (reload4j)', () => {
  const p = pathsFor('3.9.1');
  assert.equal(basename(p.log4jConf), 'log4j.properties');
  assert.ok(jvmArgs(p).includes(`-Dlog4j.configuration=file:${p.log4jConf}`));
  assert.match(log4jConfig(p), /^log4j\.rootLogger=INFO, stdout$/m);
  assert.match(log4jConfig(p), /^log4j\.logger\.kafka\.request\.logger=WARN$/m);
});

test('each version keeps its data and jars apart, so switching restarts on an empty broker', () => {
  const [old, now] = [pathsFor('3.9.1'), pathsFor('4.4.0')];
  assert.notEqual(old.dataDir, now.dataDir);
  assert.notEqual(old.jarsDir, now.jarsDir);
  // The running broker is reused only while server.properties is unchanged: log.dirs differs.
  assert.notEqual(serverProperties(old), serverProperties(now));
});
