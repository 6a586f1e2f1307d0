/**
 * The loot-service side of the api bench in its own process, as in production (the hunt API
 * never shares a process with loot): the loot harness on real Redis and Kafka. Prints one JSON
 * line {port, topics, keyPrefix} once serving; closes everything (and deletes its keys and
 * topics) on SIGTERM. Usage: loot-process.ts <config.toml>
 */
import { startLootHarness } from '@hunt/loot/testing';
import { readFileSync } from 'node:fs';

const [configFile] = process.argv.slice(2);
const redisUrl = process.env['REDIS_URL'];
const brokers = process.env['KAFKA_BROKERS'];
if (!configFile || !redisUrl || !brokers) {
  console.error('usage: REDIS_URL=... KAFKA_BROKERS=... loot-process.ts <config.toml>');
  process.exit(2);
}
const harness = await startLootHarness({
  redisUrl,
  kafkaBrokers: brokers.split(','),
  configText: readFileSync(configFile, 'utf8'),
});
process.stdout.write(
  JSON.stringify({ port: harness.port, topics: harness.topics, keyPrefix: harness.keyPrefix }) + '\n',
);
process.once('SIGTERM', () => {
  void harness.close().finally(() => process.exit(0));
});
