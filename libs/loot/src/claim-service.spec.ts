import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createInMemoryTreasureStore, StoreUnavailableError } from '@hunt/loot-store';
import { TEST_RULES } from '@hunt/loot-store/testing';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createClaimService } from './claim-service';
import { createLootMetrics } from './metrics';

/** Claims while the store is down (a Redis hang): the log must not grow with the traffic. */
test('an outage of the store writes one log line, without a stack, however many claims fail', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _enc, done) => done(void lines.push(...chunk.toString().split('\n').filter(Boolean))),
  });
  const down = {
    ...createInMemoryTreasureStore(TEST_RULES, { configVersion: 1 }),
    claim: () => Promise.reject(new StoreUnavailableError('redis: command timed out')),
  };
  const registry = new Registry();
  const service = createClaimService({
    store: down,
    now: () => 1_800_000_000_000,
    metrics: createLootMetrics(registry),
    logger: pino({ level: 'info' }, sink),
  });
  const request = {
    player_id: 'p1',
    treasure_id: '01JF0000000000000000000000',
    zone_id: 'old-town',
    shard_id: '871f1d489ffffff',
    lat: 1,
    lng: 1,
  };
  const results = await Promise.all(Array.from({ length: 500 }, () => service.claim(request)));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(
    results.every((r) => r.kind === 'unavailable'),
    'every claim answers unavailable',
  );
  assert.equal(lines.length, 1, lines.slice(0, 3).join('\n'));
  assert.ok(!lines[0]!.includes('"stack"'), lines[0]);
  const counted = (await registry.getSingleMetric('loot_claims_total')?.get())?.values.find(
    (v) => v.labels['outcome'] === 'unavailable',
  );
  assert.equal(counted?.value, 500, 'the metrics carry the count');
});
