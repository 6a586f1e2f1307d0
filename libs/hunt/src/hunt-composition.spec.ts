import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, ulid } from '@hunt/contracts';
import { createInMemoryEventBus } from '@hunt/event-bus';
import { holdDelivery, waitFor } from '@hunt/event-bus/testing';
import { closeAll, createLogger, createServiceContext, createServiceCore } from '@hunt/service-kit';
import { writeTempConfig } from '@hunt/static-config/testing';
import { huntService } from './hunt-composition';

test('/readyz fails nearby-index until the index holds every spawn published before the start', async () => {
  const core = createServiceCore({ service: 'hunt-api', configFile: writeTempConfig() });
  const bus = createInMemoryEventBus({ configVersion: core.loaded.version });
  const now = Date.now();
  const ids = Array.from({ length: 50 }, (_, i) => ulid(now - i));
  for (const id of ids) {
    await bus.publish({
      topic: TREASURE_SPAWNED_TOPIC,
      key: 'old-town',
      schema: treasureSpawnedV1,
      value: {
        ...{ treasure_id: id, zone_id: 'old-town', lat: 53.55, lng: 9.99, tier: 'common', config_version: 1 },
        ...{ spawned_at: now, expires_at: now + 600_000 },
      },
    });
  }
  const held = holdDelivery(bus);
  const ctx = createServiceContext({
    service: 'hunt-api',
    core,
    logger: createLogger('hunt-api', 'silent'),
    infra: { kind: 'embedded', bus: held.bus },
  });
  const part = await huntService(ctx, {
    jwtSecret: 'composition-secret-at-least-32-characters',
    lootAddress: '127.0.0.1:1',
    lootServiceToken: 'composition-service-token-at-least-32-bytes',
  });
  const app = await part.http!({ registry: core.registry, readiness: part.readiness });
  const readyz = async () => {
    const res = await app.inject({ url: '/readyz' });
    return { status: res.statusCode, checks: res.json<{ checks: object }>().checks };
  };
  try {
    await waitFor('the feed to fetch the backlog (its handler held)', () => held.waiting() > 0);
    assert.deepEqual(await readyz(), { status: 503, checks: { 'event-bus': 'ok', 'nearby-index': 'failing' } });
    held.release();
    await waitFor('ready', async () => (await readyz()).status === 200);
    assert.deepEqual(
      ids.filter((id) => !part.index.listed(id, Date.now())),
      [],
      'ready only with every spawn listed',
    );
    assert.deepEqual((await readyz()).checks, { 'event-bus': 'ok', 'nearby-index': 'ok' });
  } finally {
    held.release();
    await app.close();
    await closeAll(ctx.closers, () => {});
    await bus.close();
  }
});
