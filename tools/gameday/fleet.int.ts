/** The game day's fleet on the real Redis and Kafka: fixed ports per slot, clean stops, slots reused. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '@hunt/config-schema';
import { requireInfraEnv, uniqueName } from '@hunt/event-bus/testing';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import type { ServiceName } from '@hunt/service-kit';
import { writeTempConfig } from '@hunt/static-config/testing';
import { SHIPPED_CONFIG_FILE } from '../bench/lib/shipped-world';
import { localPlayConfig } from '../engine/local-season';
import { createFleet, type Fleet } from './fleet';

const SERVICES: readonly ServiceName[] = ['loot-service', 'spawner', 'hunt-api'];

describe('game day fleet (from source, real Redis and Kafka)', () => {
  const { redisUrl, kafkaBrokers } = requireInfraEnv();
  const prefix = uniqueName('test-fleet').toLowerCase();
  const options = {
    redisUrl,
    kafkaBrokers,
    keyPrefix: prefix,
    secrets: { jwt: 'j'.repeat(40), lootRoll: 'r'.repeat(40), lootServiceToken: 't'.repeat(40) },
    fromSource: true,
  };
  const configFile = localPlayConfig(writeTempConfig(readFileSync(SHIPPED_CONFIG_FILE, 'utf8')), Date.now()).file;
  const version = parseConfig(readFileSync(configFile, 'utf8'), configFile).version;
  const fleets: Fleet[] = [];
  let fleet: Fleet;

  before(async () => {
    fleet = await createFleet({ ...options, unguarded: false });
    fleets.push(fleet);
  });
  after(async () => {
    await Promise.all(fleets.map((f) => f.stopAll()));
    await deleteRedisKeys(redisUrl, prefix);
  });

  /** Slot a of every service: loot first (the API calls it), then the other two together. */
  const startAll = async () => {
    await fleet.start('loot-service', 'a', configFile);
    await Promise.all([fleet.start('spawner', 'a', configFile), fleet.start('hunt-api', 'a', configFile)]);
  };
  const address = (service: ServiceName, slot: 'a' | 'b') =>
    fleet.targets().find((t) => t.labels?.['hunt_service'] === service && t.labels['slot'] === slot)!.address;
  const assertServing = async () => {
    for (const service of SERVICES) {
      const res = await fetch(`http://${address(service, 'a')}/healthz`);
      assert.equal(res.status, 200, service);
      assert.equal(res.headers.get('x-config-version'), String(version), service);
    }
  };

  test('each slot has fixed ports up front; slot a serves on them, stops with 0 and starts again on them', async () => {
    const addresses = fleet.targets().map((t) => t.address);
    assert.equal(new Set(addresses).size, 6, addresses.join(' '));
    assert.deepEqual(fleet.apiUrls(), []);

    for (let round = 0; round < 2; round++) {
      await startAll();
      await assertServing();
      assert.deepEqual(
        SERVICES.map((s) => fleet.live(s)),
        [['a'], ['a'], ['a']],
      );
      assert.deepEqual(fleet.apiUrls(), [`http://${address('hunt-api', 'a')}`]);
      const stopped = await Promise.all(
        (['hunt-api', 'spawner', 'loot-service'] as const).map((s) => fleet.stop(s, 'a')),
      );
      assert.deepEqual(
        stopped.map((s) => s.code),
        [0, 0, 0],
        fleet.outputs(),
      );
      assert.deepEqual(
        SERVICES.map((s) => fleet.live(s)),
        [[], [], []],
      );
    }
    assert.deepEqual(
      fleet.targets().map((t) => t.address),
      addresses,
      'the ports never move',
    );
  });

  test('--unguarded: the spawner is the harness entry, and says so loudly at start', async () => {
    const unguarded = await createFleet({ ...options, unguarded: true });
    fleets.push(unguarded);
    const spawner = await unguarded.start('spawner', 'b', configFile);
    assert.match(spawner.output(), /GAME-DAY HARNESS, GUARDS OFF/);
    assert.equal((await unguarded.stop('spawner', 'b')).code, 0, spawner.output());
  });
});
