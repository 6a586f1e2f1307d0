import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { errorInfoOf, LOOT_ERROR_DOMAIN } from '@hunt/contracts';
import { createLootClient } from '@hunt/loot/testing';
import { describeServiceConformance, runAppToExit, startAppProcess, testDeployment } from '@hunt/service-kit/testing';

const scope = testDeployment('test-loot-service');
const entry = new URL('./main.ts', import.meta.url).pathname;
const env = {
  ...scope.env,
  LOOT_ROLL_SECRET: 'conformance-roll-secret-at-least-32-bytes',
  LOOT_SERVICE_TOKEN: 'conformance-service-token-at-least-32-bytes',
};

describeServiceConformance('loot-service', entry, env);

describe('loot-service guards hunt.loot.v1 with LOOT_SERVICE_TOKEN', () => {
  test('a call without the token or with another is UNAUTHENTICATED and counted; the token works', async () => {
    const app = await startAppProcess(entry, env);
    const address = `127.0.0.1:${app.grpcPort}`;
    const clients = {
      none: createLootClient(address),
      wrong: createLootClient(address, { token: 'another-token-of-at-least-32-bytes-long' }),
      right: createLootClient(address, { token: env.LOOT_SERVICE_TOKEN }),
    };
    try {
      for (const [name, token] of [
        ['none', 'missing'],
        ['wrong', 'wrong'],
      ] as const) {
        await assert.rejects(clients[name].getPlayer('p1'), (e: { code: status; metadata: never }) => {
          assert.equal(e.code, status.UNAUTHENTICATED, name);
          assert.deepEqual(errorInfoOf(e.metadata), {
            reason: 'HUNT_ERR_UNAUTHENTICATED',
            domain: LOOT_ERROR_DOMAIN,
            metadata: { token },
          });
          return true;
        });
      }
      assert.equal((await clients.right.getPlayer('p1')).player_id, 'p1');
      const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
      for (const reason of ['missing', 'wrong']) {
        assert.match(metrics, new RegExp(`^loot_grpc_unauthenticated_total\\{reason="${reason}"[^}]*\\} 1$`, 'm'));
      }
    } finally {
      for (const c of Object.values(clients)) c.close();
      await app.stop();
    }
  });

  test('without LOOT_SERVICE_TOKEN the loot-service refuses to start, naming it', async () => {
    const { code, output } = await runAppToExit(entry, { ...env, LOOT_SERVICE_TOKEN: undefined });
    assert.equal(code, 1);
    assert.match(output, /refusing to start, invalid environment/);
    assert.match(output, /^ {2}LOOT_SERVICE_TOKEN: must be set/m);
    assert.doesNotMatch(output, /listening/);
  });
});

after(() => scope.cleanup());
