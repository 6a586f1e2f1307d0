/**
 * A new replica's nearby feed on the real broker, in a deployment scope of its own: it reads the
 * spawn topic from now - treasure_ttl_s (by Kafka message timestamp), not from the beginning,
 * and says when that replay is done (what the hunt API's readiness waits for).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, ulid, type TreasureSpawnedV1 } from '@hunt/contracts';
import { createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { holdDelivery, waitFor } from '@hunt/event-bus/testing';
import { testDeployment } from '@hunt/service-kit/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { startNearbyFeed } from './feed';
import { createNearbyIndex } from './nearby-index';

const scope = testDeployment('nearby-feed');
const brokers = scope.env.KAFKA_BROKERS.split(',');
const kafka = new Kafka({ brokers, clientId: 'nearby-feed-int', logLevel: logLevel.NOTHING });
const [admin, producer] = [kafka.admin(), kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })];
const closers: (() => Promise<void>)[] = [];
const TTL_S = 600;

after(async () => {
  for (const close of closers.reverse()) await close();
  const ours = (await admin.listTopics()).filter((t) => t.startsWith(`${scope.prefix}.`));
  await admin.deleteTopics({ topics: ours }).catch(() => {});
  await Promise.all([admin.disconnect(), producer.disconnect()]);
  await scope.cleanup();
});

/** A bus in this file's deployment scope, closed after the tests. */
async function openBus(): Promise<EventBus> {
  const bus = await createKafkaEventBus({
    brokers,
    clientId: 'nearby-feed-int',
    configVersion: 1,
    topicPrefix: scope.prefix,
  });
  closers.push(() => bus.close());
  return bus;
}

const spawnEvent = (id: string, spawnedAt: number, expiresAt = spawnedAt + TTL_S * 1000): TreasureSpawnedV1 => ({
  ...{ treasure_id: id, zone_id: 'old-town', lat: 53.55, lng: 9.99, tier: 'common', config_version: 1 },
  ...{ spawned_at: spawnedAt, expires_at: expiresAt },
});

test('a new replica skips spawns sent before now - ttl, lists the later ones and the new ones', async () => {
  await Promise.all([admin.connect(), producer.connect()]);
  const bus = await openBus();
  await bus.ensureTopics([TREASURE_SPAWNED_TOPIC]);
  const now = Date.now();
  const [old, recent, fresh] = [ulid(now - 700_000), ulid(now - 300_000), ulid(now)];
  // The old spawn's expiry is far ahead, so only where the feed starts can keep it out.
  const history = [
    { event: spawnEvent(old, now - 700_000, now + 3_600_000), sentAt: now - 700_000 },
    { event: spawnEvent(recent, now - 300_000), sentAt: now - 300_000 },
  ];
  await producer.send({
    topic: `${scope.prefix}.${TREASURE_SPAWNED_TOPIC}`,
    messages: history.map(({ event, sentAt }) => ({
      key: event.zone_id,
      value: JSON.stringify(event),
      timestamp: String(sentAt),
    })),
  });
  const index = createNearbyIndex();
  const feed = await startNearbyFeed({ bus, index, now: Date.now, treasureTtlS: TTL_S });
  closers.push(() => feed.close());
  await bus.publish({
    topic: TREASURE_SPAWNED_TOPIC,
    key: 'old-town',
    schema: treasureSpawnedV1,
    value: spawnEvent(fresh, now),
  });
  await waitFor(
    'the recent and the new spawn',
    () => index.listed(recent, Date.now()) && index.listed(fresh, Date.now()),
  );
  assert.equal(index.listed(old, Date.now()), false, 'the spawn sent before now - ttl was not read');
  assert.equal(index.size(), 2);
});

test('caughtUp (readiness) is false until every spawn published before the start is in the index, then true', async () => {
  await admin.connect();
  const bus = await openBus();
  const topics = { spawned: 'catch-up.spawned', awarded: 'catch-up.awarded' };
  await bus.ensureTopics([topics.spawned, topics.awarded]);
  const now = Date.now();
  const zones = ['old-town', 'harbour', 'park', 'docks', 'market', 'station'];
  const ids = Array.from({ length: 300 }, (_, i) => ulid(now - i));
  await Promise.all(
    ids.map((id, i) => {
      const value = { ...spawnEvent(id, now - i), zone_id: zones[i % zones.length]! };
      return bus.publish({ topic: topics.spawned, key: value.zone_id, schema: treasureSpawnedV1, value });
    }),
  );
  const ends = await admin.fetchTopicOffsets(`${scope.prefix}.${topics.spawned}`);
  assert.ok(ends.filter((p) => Number(p.high) > 0).length > 1, 'the backlog spans several partitions');
  const index = createNearbyIndex();
  const held = holdDelivery(bus);
  const feed = await startNearbyFeed({ bus: held.bus, index, now: Date.now, treasureTtlS: TTL_S, topics });
  closers.push(() => feed.close());
  const listed = () => ids.filter((id) => index.listed(id, Date.now())).length;
  try {
    await waitFor('the feed to fetch the backlog (its handler held)', () => held.waiting() > 0);
    assert.equal(listed(), 0);
    assert.equal(feed.caughtUp(), false, 'nothing of the backlog is in the index yet');
    held.release();
    // caughtUp is read before the index: once it says true, every spawn must already be listed.
    const samples: { ready: boolean; listed: number }[] = [];
    await waitFor('the feed to catch up', () => {
      const ready = feed.caughtUp();
      samples.push({ ready, listed: listed() });
      return ready;
    });
    assert.deepEqual(
      samples.filter((s) => s.ready),
      [{ ready: true, listed: ids.length }],
    );
  } finally {
    held.release();
  }
});
