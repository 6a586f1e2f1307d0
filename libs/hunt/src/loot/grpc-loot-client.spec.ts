import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { status, type Metadata, type sendUnaryData, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { grpcErrorWithInfo, loadProto, LOOT_ERROR_DOMAIN, LOOT_SERVICE_NAME, PROTO_FILES } from '@hunt/contracts';
import { startGrpcServer, type RunningGrpcServer } from '@hunt/service-kit';
import { ApiError } from '../http/errors';
import { createGrpcLootClient } from './grpc-loot-client';

const request = {
  player_id: 'ada',
  treasure_id: '01KB0000000000000000000001',
  zone_id: 'alpha',
  shard_id: '871f1d489ffffff',
  lat: 1,
  lng: 2,
};
const serviceToken = 'hunt-api-test-service-token-of-32-bytes';

/** A real hunt.loot.v1 server on loopback whose Claim does what the test says. */
async function lootServer(claim: (cb: sendUnaryData<unknown>, metadata: Metadata) => void): Promise<RunningGrpcServer> {
  const server = await startGrpcServer({
    host: '127.0.0.1',
    port: 0,
    services: [
      {
        packageDefinition: loadProto(PROTO_FILES.loot),
        serviceName: LOOT_SERVICE_NAME,
        implementation: {
          Claim: (call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => claim(cb, call.metadata),
        },
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
    const client = createGrpcLootClient({ address: '127.0.0.1:1', serviceToken, deadlineMs: 5000 });
    const { error, ms } = await rejection(client.claim(request));
    assert.equal(error.kind, 'unavailable');
    assert.ok(ms < 2000, `took ${ms} ms`);
    client.close();
  });

  test('a loot-service that never answers is cut off at the deadline', async () => {
    const server = await lootServer(() => {});
    servers.push(server);
    const client = createGrpcLootClient({ address: `127.0.0.1:${server.port}`, serviceToken, deadlineMs: 200 });
    const { error, ms } = await rejection(client.claim(request));
    assert.equal(error.kind, 'unavailable');
    assert.ok(ms >= 150 && ms < 1500, `took ${ms} ms`);
    client.close();
  });

  test('a loot error maps to the registry entry of its ErrorInfo reason; the call carries the token', async () => {
    let authorization: unknown[] = [];
    const server = await lootServer((cb, metadata) => {
      authorization = metadata.get('authorization');
      cb(
        grpcErrorWithInfo(status.PERMISSION_DENIED, 'too fast', {
          reason: 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT',
          domain: LOOT_ERROR_DOMAIN,
          metadata: {},
        }),
      );
    });
    servers.push(server);
    const client = createGrpcLootClient({ address: `127.0.0.1:${server.port}`, serviceToken });
    const { error } = await rejection(client.claim(request));
    assert.deepEqual(
      [error.kind, error.status, error.code],
      ['implausible-movement', 422, 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT'],
    );
    assert.deepEqual(authorization, [`Bearer ${serviceToken}`]);
    client.close();
  });

  test('an invalid argument keeps its message and field; a reason of another domain is internal', async () => {
    let domain = LOOT_ERROR_DOMAIN;
    const server = await lootServer((cb) =>
      cb(
        grpcErrorWithInfo(status.INVALID_ARGUMENT, 'lat: must be within -90..90', {
          reason: 'HUNT_ERR_INVALID_ARGUMENT',
          domain,
          metadata: {},
        }),
      ),
    );
    servers.push(server);
    const client = createGrpcLootClient({ address: `127.0.0.1:${server.port}`, serviceToken });
    const { error } = await rejection(client.claim(request));
    assert.deepEqual([error.kind, error.message, error.field], ['invalid', 'lat: must be within -90..90', 'lat']);
    domain = 'example.com';
    assert.equal((await rejection(client.claim(request))).error.kind, 'internal');
    client.close();
  });

  test("a refused service token is internal (never the player's 401) and reported", async () => {
    const server = await lootServer((cb) =>
      cb(
        grpcErrorWithInfo(status.UNAUTHENTICATED, 'a valid service token is required', {
          reason: 'HUNT_ERR_UNAUTHENTICATED',
          domain: LOOT_ERROR_DOMAIN,
          metadata: { token: 'wrong' },
        }),
      ),
    );
    servers.push(server);
    const refused: ServiceError[] = [];
    const client = createGrpcLootClient({
      address: `127.0.0.1:${server.port}`,
      serviceToken,
      onTokenRefused: (e) => refused.push(e),
    });
    const { error } = await rejection(client.claim(request));
    assert.deepEqual([error.kind, error.status], ['internal', 500]);
    assert.deepEqual(
      refused.map((e) => e.code),
      [status.UNAUTHENTICATED],
    );
    client.close();
  });
});
