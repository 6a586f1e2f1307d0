import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { buildTestHuntApp } from '../testing/test-app';

type Op = OpenAPIV3.OperationObject & { responses: Record<string, OpenAPIV3.ResponseObject> };

async function served() {
  const t = await buildTestHuntApp();
  const doc = (await t.app.inject({ url: '/openapi.json' })).json<OpenAPIV3.Document>();
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item ?? {}).map(([method, op]) => ({ path, method, op: op as Op })),
  );
  return { ...t, doc, ops };
}

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.0 document (swagger-parser)', async () => {
    const { doc } = await served();
    await SwaggerParser.validate(structuredClone(doc) as never);
    assert.equal(doc.openapi, '3.0.3');
    assert.deepEqual(
      doc.servers?.map((s) => s.url),
      ['/'],
    );
    assert.equal(doc.info.license?.name, 'Proprietary');
  });

  test('names every operation and gives each a default response', async () => {
    const { ops } = await served();
    assert.deepEqual(ops.map((o) => o.op.operationId).sort(), [
      'claimTreasure',
      'getLeaderboard',
      'getMyPlayer',
      'listNearbyTreasures',
      'listZones',
    ]);
    for (const { op } of ops) assert.ok(op.responses['default'], op.operationId);
  });

  test('holds the error schema once and refers to it from every error response', async () => {
    const { doc, ops } = await served();
    assert.deepEqual(Object.keys(doc.components?.schemas ?? {}), ['Error']);
    for (const { op } of ops) {
      for (const [status, res] of Object.entries(op.responses)) {
        if (status === '200') continue;
        assert.deepEqual(res.content?.['application/json']?.schema, { $ref: '#/components/schemas/Error' }, status);
      }
    }
    assert.equal(JSON.stringify(doc).split('HUNT_ERR_* code').length, 2, 'the error shape is written out once');
  });

  test('types query numbers as numbers with their ranges', async () => {
    const { ops } = await served();
    const params = Object.fromEntries(
      ops.flatMap(({ op }) => (op.parameters ?? []) as OpenAPIV3.ParameterObject[]).map((p) => [p.name, p.schema]),
    );
    assert.deepEqual(params['lat'], { type: 'number', minimum: -90, maximum: 90 });
    assert.deepEqual(params['lng'], { type: 'number', minimum: -180, maximum: 180 });
    assert.deepEqual(params['radius'], { type: 'number', minimum: 1, maximum: 1000 });
    assert.deepEqual(params['limit'], { type: 'integer', minimum: 1, maximum: 100 });
  });

  test('accepts every decimal spelling of a number it allows, and refuses the rest by the range', async () => {
    const { app, auth } = await served();
    const nearby = (lat: string) => app.inject({ url: `/v1/treasures?lat=${lat}&lng=13.4`, headers: auth('ada') });
    for (const lat of ['-08.5', '52', '5.2e1', '1E-7', '-0', '090'])
      assert.equal((await nearby(lat)).statusCode, 200, lat);
    const far = await nearby('-08438');
    assert.equal(far.statusCode, 400);
    assert.deepEqual(far.json(), {
      error: { code: 'HUNT_ERR_INVALID_ARGUMENT', message: 'lat: must be within -90..90', field: 'lat' },
    });
  });

  test('documents the response headers: version and request id always, Retry-After and RateLimit-*', async () => {
    const { ops } = await served();
    for (const { op } of ops) {
      for (const [status, res] of Object.entries(op.responses)) {
        const names = Object.keys(res.headers ?? {});
        const at = `${op.operationId} ${status}`;
        for (const name of ['X-Config-Version', 'X-Request-Id']) assert.ok(names.includes(name), `${at}: ${name}`);
        assert.equal(names.includes('Retry-After'), status === '429' || status === '503', at);
        if (status === '429') assert.ok(names.includes('RateLimit-Reset'), at);
        const reads = op.operationId !== 'claimTreasure';
        assert.equal(names.includes('RateLimit-Limit'), status === '429' || (reads && status !== '401'), at);
      }
    }
  });

  test('Swagger UI at /docs shows the same document', async () => {
    const { app, doc } = await served();
    const page = await app.inject({ url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.equal((await app.inject({ url: '/docs/static/swagger-ui-bundle.js' })).statusCode, 200);
    assert.deepEqual((await app.inject({ url: '/docs/json' })).json(), doc);
  });
});
