import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Metadata, status, type sendUnaryData } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, loadProto, LOOT_SERVICE_NAME, PROTO_FILES } from '@hunt/contracts';
import { startGrpcServer, type RunningGrpcServer } from '@hunt/service-kit';
import { ApiError } from '../http/errors';
import { createGrpcLootClient } from './grpc-loot-client';

const request = { player_id: 'ada', treasure_id: '01KB0000000000000000000001', zone_id: 'alpha', lat: 1, lng: 2 };

/** A real hunt.loot.v1 server on loopback whose Claim does what the test says. */
async function lootServer(claim: (cb: sendUnaryData<unknown>) => void): Promise<RunningGrpcServer> {
  const server = await startGrpcServer({
    host: '127.0.0.1',
    port: 0,
    services: [
      {
        packageDefinition: loadProto(PROTO_FILES.loot),
        serviceName: LOOT_SERVICE_NAME,
        implementation: { Claim: (_call: unknown, cb: sendUnaryData<unknown>) => claim(cb) },
      },
    ],
  });
  server.setServing(true);
  return server;
}

async function rejection(promise: Promise<unknown>): Promise<{ error: ApiError; ms: number }> {
  const started = Date.now();
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ApiError);
  return { error, ms: Date.now() - started };
}

describe('loot gRPC client (real grpc-js, loopback)', () => {
  const servers: RunningGrpcServer[] = [];
  after(async () => Promise.all(servers.map((s) => s.close(0))));

  test('a loot-service that is down is a fast UNAVAILABLE, not a hang', async () => {
    const client = createGrpcLootClient({ address: '127.0.0.1:1', deadlineMs: 5000 });
    const { error, ms } = await rejection(client.claim(request));
    assert.equal(error.kind, 'unavailable');
    assert.ok(ms < 2000, `took ${ms} ms`);
    client.close();
  });

  test('a loot-service that never answers is cut off at the deadline', async () => {
    const server = await lootServer(() => {});
    servers.push(server);
    const client = createGrpcLootClient({ address: `127.0.0.1:${server.port}`, deadlineMs: 200 });
    const { error, ms } = await rejection(client.claim(request));
    assert.equal(error.kind, 'unavailable');
    assert.ok(ms >= 150 && ms < 1500, `took ${ms} ms`);
    client.close();
  });

  test('a coded loot error maps to the registry entry of its code', async () => {
    const server = await lootServer((cb) => {
      const metadata = new Metadata();
      metadata.set(ERROR_CODE_METADATA_KEY, 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT');
      cb({ code: status.PERMISSION_DENIED, details: 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT: too fast', metadata });
    });
    servers.push(server);
    const client = createGrpcLootClient({ address: `127.0.0.1:${server.port}` });
    const { error } = await rejection(client.claim(request));
    assert.deepEqual(
      [error.kind, error.status, error.code],
      ['implausible-movement', 422, 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT'],
    );
    client.close();
  });
});
