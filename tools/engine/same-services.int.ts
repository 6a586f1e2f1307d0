/**
 * `npm start` promises the same services as the apps. Both entry points run the same
 * compositions; this checks what an operator sees of each service from the outside is the
 * same: readiness check names, metric names, the config version served, and staleness learnt
 * from a newer version stamp. The engine runs in this process, the apps as processes, each
 * in a deployment scope of its own on the real Redis and Kafka.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createKafkaEventBus } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, ulid } from '@hunt/contracts';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { createLogger, type ServiceName } from '@hunt/service-kit';
import { startAppProcess, type AppProcess } from '@hunt/service-kit/testing';
import { createTestConfig, writeTempConfig } from '@hunt/static-config/testing';
import { worldOf } from '@hunt/config-schema';
import { cellCenter, shardOfCell } from '@hunt/world';
import { startEngine, type RunningEngine } from './engine';

const root = join(import.meta.dirname, '../..');
const SECRET = 'same-services-secret-at-least-32-chars';
const ROLL_SECRET = 'same-services-roll-secret-at-least-32-bytes';
const SERVICE_TOKEN = 'same-services-service-token-at-least-32-bytes';
const NAMES: readonly ServiceName[] = ['loot-service', 'spawner', 'hunt-api'];
const { redisUrl, kafkaBrokers } = requireInfraEnv();
const appScope = uniqueName('test-same-apps');
const engineScope = uniqueName('test-same-engine');
const config = createTestConfig();

interface Seen {
  readiness: string[];
  metrics: string[];
  version: string | undefined;
}

async function seen(httpPort: number): Promise<Seen> {
  const ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
  const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  return {
    readiness: Object.keys(((await ready.json()) as { checks: object }).checks).sort(),
    metrics: [...metrics.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!).sort(),
    version: ready.headers.get('x-config-version') ?? undefined,
  };
}

const staleness = async (httpPort: number) =>
  Number(
    /^config_staleness_seconds(?:\{[^}]*\})? (\S+)$/m.exec(
      await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text(),
    )?.[1],
  );

describe('npm start runs the same services as the apps', () => {
  let engine: RunningEngine;
  const apps = new Map<ServiceName, AppProcess>();

  before(async () => {
    const configFile = writeTempConfig();
    const scoped = (scope: string) => ({
      REDIS_URL: redisUrl,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_KEY_PREFIX: scope,
      KAFKA_TOPIC_PREFIX: scope,
      HUNT_CONFIG: configFile,
      LOOT_ROLL_SECRET: ROLL_SECRET,
      LOOT_SERVICE_TOKEN: SERVICE_TOKEN,
    });
    const loot = await startAppProcess(join(root, 'apps/loot-service/src/main.ts'), scoped(appScope));
    apps.set('loot-service', loot);
    apps.set('spawner', await startAppProcess(join(root, 'apps/spawner/src/main.ts'), scoped(appScope)));
    apps.set(
      'hunt-api',
      await startAppProcess(join(root, 'apps/hunt-api/src/main.ts'), {
        ...scoped(appScope),
        JWT_SECRET: SECRET,
        LOOT_GRPC_ADDRESS: `127.0.0.1:${loot.grpcPort}`,
      }),
    );
    const zero = { httpPort: 0, grpcPort: 0 };
    engine = await startEngine({
      configFile,
      infra: { kind: 'real', redisUrl, kafkaBrokers, redisKeyPrefix: engineScope, kafkaTopicPrefix: engineScope },
      host: '127.0.0.1',
      jwtSecret: SECRET,
      rollSecret: ROLL_SECRET,
      serviceToken: SERVICE_TOKEN,
      logger: (service) => createLogger(service, 'silent'),
      ports: { 'loot-service': zero, spawner: zero, 'hunt-api': zero },
    });
  });

  after(async () => {
    await Promise.all([...apps.values()].map((a) => a.stop()));
    for (const c of [...(engine?.closers ?? [])].reverse()) await c.close().catch(() => {});
    await Promise.all([deleteRedisKeys(redisUrl, appScope), deleteRedisKeys(redisUrl, engineScope)]);
  });

  const enginePort = (name: ServiceName) => engine.services.find((s) => s.name === name)!.httpPort;

  for (const name of NAMES) {
    test(`${name}: the same readiness checks, metrics and config version`, async () => {
      const [app, embedded] = [await seen(apps.get(name)!.httpPort), await seen(enginePort(name))];
      assert.ok(app.readiness.length > 0 && app.metrics.length > 10, JSON.stringify(app));
      assert.deepEqual(embedded.readiness, app.readiness);
      assert.deepEqual(embedded.metrics, app.metrics);
      assert.equal(app.version, String(config.version));
      assert.equal(embedded.version, app.version);
    });
  }

  test('both learn of a newer config version from its stamp on a spawn (loot-service and hunt-api)', async () => {
    for (const [scope, port] of [
      [appScope, (n: ServiceName) => apps.get(n)!.httpPort],
      [engineScope, enginePort],
    ] as const) {
      const newer = await createKafkaEventBus({
        brokers: kafkaBrokers,
        topicPrefix: scope,
        clientId: 'newer-spawner',
        configVersion: config.version + 1,
      });
      const now = Date.now();
      const zone = worldOf(config.config).zones[0]!;
      const spot = cellCenter(zone.cells[0]!);
      await newer.publish({
        topic: TREASURE_SPAWNED_TOPIC,
        key: shardOfCell(zone.cells[0]!),
        schema: treasureSpawnedV1,
        value: {
          treasure_id: ulid(now),
          zone_id: zone.id,
          lat: spot.lat,
          lng: spot.lng,
          tier: 'common',
          spawned_at: now,
          expires_at: now + 60_000,
          config_version: config.version + 1,
        },
      });
      await newer.close();
      for (const name of ['loot-service', 'hunt-api'] as const) {
        await waitFor(`${name} in ${scope} to count staleness`, async () => (await staleness(port(name))) > 0);
      }
    }
  });
});
