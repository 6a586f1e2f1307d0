import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createKafkaEventBus } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { Registry } from 'prom-client';
import { startKafka, stopKafka } from '@hunt/test-infra';
import { createMemoryCoordination } from './memory/memory-coordination';
import { createSpawner } from './spawner';
import { readSpawnedTopic, recordGenerated } from './testing/spawn-ledger';
import { counterTotal, LIVE_SEASON, spawnerTestConfig } from './testing/spawner-harness';

// Chaos tests stop shared servers: tools/test/run.ts runs *.chaos.ts files alone, after the rest.
const { kafkaBrokers } = requireInfraEnv();

after(async () => {
  await startKafka(); // whatever happened, leave the broker up for the next file
});

test('Kafka stopped and restarted mid-run: the spawner survives, resumes, and loses nothing within its buffer', async (t) => {
  const topic = uniqueName('spawned-chaos');
  const config = spawnerTestConfig({ ...LIVE_SEASON, 'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 50' });
  const bus = await createKafkaEventBus({ brokers: kafkaBrokers, clientId: 'chaos', configVersion: config.version });
  await bus.ensureTopics([topic]);
  const spawner = createSpawner({
    config,
    bus,
    leases: createMemoryCoordination(),
    ramps: createMemoryCoordination(),
    registry: new Registry(),
    replicaId: 'chaos',
    now: Date.now,
    random: Math.random,
    logger: { warn: () => {} },
    topic,
    options: { tickMs: 100, rampFloorPerS: 1000, bufferCapacity: 100_000 },
  });
  // The test's ledger: every event the spawner generated, and (below) every id on the topic.
  const generated = recordGenerated(spawner);
  let downMs = 0;
  try {
    await spawner.start();
    await waitFor('events generated', () => generated.size > 100, 20_000);
    await stopKafka();
    const stoppedAt = Date.now();
    await waitFor('events buffering while Kafka is down', () => spawner.buffer.depth() > 200, 20_000);
    await startKafka();
    downMs = Date.now() - stoppedAt;
    await waitFor('buffer drained after the broker returned', () => spawner.buffer.depth() === 0, 60_000);
  } finally {
    await spawner.stop(Date.now() + 5000);
    await bus.close();
  }
  // What the spawner says it dropped (full buffer, expired, shutdown) is the only number taken
  // from the component: every other generated event must be found on the topic by the reader.
  const dropped = await counterTotal(spawner, 'dropped');
  const messages = await readSpawnedTopic(
    kafkaBrokers,
    topic,
    (seen) => new Set(seen.map((m) => m.event.treasure_id)).size + dropped >= generated.size,
  );
  const onTopic = new Set(messages.map((m) => m.event.treasure_id));
  const missing = [...generated].filter((id) => !onTopic.has(id)).length;
  const foreign = [...onTopic].filter((id) => !generated.has(id)).length;
  t.diagnostic(
    `kafka down ${downMs} ms: ${generated.size} generated, ${onTopic.size} distinct on the topic ` +
      `(${messages.length - onTopic.size} duplicates), ${dropped} dropped, ${missing} missing`,
  );
  assert.equal(foreign, 0, 'ids on the topic that the spawner never generated');
  assert.equal(generated.size, onTopic.size + dropped, 'generated = distinct ids on the topic + dropped');
  // The contract: nothing is lost within the buffer's capacity; duplicates (a batch re-sent
  // after the broker came back) are possible and are what consumers deduplicate by id.
  assert.equal(dropped, 0, 'events dropped within the buffer capacity');
});
