import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { mintToken } from '@hunt/hunt';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { createOpsGrpcClients, startAppProcess, type AppProcess } from '@hunt/service-kit/testing';
import { writeTempConfig } from '@hunt/static-config/testing';
import { parseConfig, worldOf } from '@hunt/config-schema';
import { cellCenter } from '@hunt/world';
import { localPlayConfig } from './local-season';

const root = join(import.meta.dirname, '../..');
const entry = (app: string) => join(root, 'apps', app, 'src/main.ts');
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e';
const ROLL_SECRET = 'e2e-roll-secret-e2e-roll-secret-e2e';
const SERVICE_TOKEN = 'e2e-service-token-e2e-service-token';

interface Listed {
  id: string;
  lat: number;
  lng: number;
}

/**
 * The game end to end: loot-service, spawner and hunt-api as separate processes (their own
 * main.ts) on the real Redis and Kafka. The topics are the contract's fixed names, shared with
 * other runs: this run's zone sits at a random spot of its own so nearby reads see only its
 * spawns, and claims are retried on other treasures if another run's consumer in the shared
 * loot-service group happened to take a spawn.
 */
describe('the engine end to end (three processes, real Redis and Kafka)', () => {
  const { redisUrl, kafkaBrokers } = requireInfraEnv();
  const prefix = uniqueName('test-e2e');
  // The player stands in the middle of one of Old Town's cells (the baked world; the run is
  // scoped by its own key and topic prefix and season id, so nothing else spawns or claims here).
  const baked = parseConfig(readFileSync(join(root, 'config/hunt.toml'), 'utf8'), 'config/hunt.toml');
  const oldTown = worldOf(baked).zone('old-town')!.cells;
  const centre = cellCenter(oldTown[Math.floor(Math.random() * oldTown.length)]!);
  const player = uniqueName('player');
  const token = mintToken({ secret: SECRET, playerId: player, nowS: Math.floor(Date.now() / 1000) });
  let apps: Record<'loot' | 'spawner' | 'api', AppProcess>;
  let version: number;
  // A client as the app is: it honours 429's Retry-After (the reads limit is 20/s and this test
  // polls while it waits for a spawn), a bounded number of times.
  const api = async (path: string, init?: RequestInit): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`http://127.0.0.1:${apps.api.httpPort}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      const retryAfterS = Number(res.headers.get('retry-after'));
      if (res.status !== 429 || attempt === 5 || !(retryAfterS > 0)) return res;
      await new Promise((resolve) => setTimeout(resolve, retryAfterS * 1000));
    }
  };

  before(async () => {
    // The baked config with its season running and this run's own season id (its own leaderboard).
    let text = readFileSync(localPlayConfig(join(root, 'config/hunt.toml'), Date.now()).file, 'utf8');
    for (const [from, to] of [[/^id = "s1-winter-2026"$/m, `id = "${uniqueName('e2e').toLowerCase()}"`]] as const) {
      assert.match(text, from, 'the baked config changed: update this test');
      text = text.replace(from, to);
    }
    const configFile = writeTempConfig(text);
    version = Number(/^version = (\d+)/m.exec(text)![1]);
    const env = {
      REDIS_URL: redisUrl,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_KEY_PREFIX: prefix,
      KAFKA_TOPIC_PREFIX: prefix,
      HUNT_CONFIG: configFile,
    };
    const loot = await startAppProcess(entry('loot-service'), {
      ...env,
      LOOT_ROLL_SECRET: ROLL_SECRET,
      LOOT_SERVICE_TOKEN: SERVICE_TOKEN,
    });
    const spawner = await startAppProcess(entry('spawner'), env);
    const hunt = await startAppProcess(entry('hunt-api'), {
      ...env,
      JWT_SECRET: SECRET,
      LOOT_GRPC_ADDRESS: `127.0.0.1:${loot.grpcPort}`,
      LOOT_SERVICE_TOKEN: SERVICE_TOKEN,
    });
    apps = { loot, spawner, api: hunt };
  });

  after(async () => {
    await Promise.all(Object.values(apps ?? {}).map((a) => a.stop()));
    await deleteRedisKeys(redisUrl, prefix);
  });

  test('a player finds a spawned treasure nearby, claims it, and sees it in inventory and leaderboard', async () => {
    const nearby = async () => {
      const res = await api(`/v1/treasures?lat=${centre.lat}&lng=${centre.lng}&radius=1000`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { treasures: Listed[] }).treasures;
    };
    const tried = new Set<string>();
    const award = await waitFor(
      'a won claim',
      async () => {
        const target = (await nearby()).find((t) => !tried.has(t.id));
        if (!target) return undefined;
        tried.add(target.id);
        const res = await api(`/v1/treasures/${target.id}/claim`, {
          method: 'POST',
          body: JSON.stringify({ lat: target.lat, lng: target.lng }),
        });
        // 404: a spawn this run's loot-service has not materialised (yet, or ever: see above).
        if (res.status === 404) return undefined;
        assert.equal(res.status, 200, await res.clone().text());
        return { id: target.id, ...((await res.json()) as { item: string; points: number }) };
      },
      60_000,
      100,
    );
    assert.ok(award.points > 0);
    assert.ok(!(await nearby()).some((t) => t.id === award.id), 'a claimed treasure leaves the nearby read');

    const me = (await (await api('/v1/players/me')).json()) as {
      score: number;
      inventory: { item: string; count: number }[];
    };
    assert.equal(me.score, award.points);
    assert.deepEqual(me.inventory, [{ item: award.item, count: 1 }]);
    const board = (await (await api('/v1/leaderboard?limit=100')).json()) as {
      entries: { player_id: string; score: number }[];
    };
    assert.deepEqual(
      board.entries.find((e) => e.player_id === player),
      { rank: 1, player_id: player, score: award.points },
    );
  });

  test('every service runs the same config version: HTTP headers and ConfigService/Get', async () => {
    for (const app of Object.values(apps)) {
      const res = await fetch(`http://127.0.0.1:${app.httpPort}/healthz`);
      assert.equal(res.headers.get('x-config-version'), String(version));
      const grpc = createOpsGrpcClients(`127.0.0.1:${app.grpcPort}`);
      try {
        assert.equal((await grpc.getConfig('version')).version, version);
      } finally {
        grpc.close();
      }
    }
  });
});
