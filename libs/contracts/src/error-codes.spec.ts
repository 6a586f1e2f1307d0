import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { SHARED_ERRORS } from './error-codes';
import { PROTO_FILES, protoRoot } from './proto-files';

test('shared error codes are unique and none is a 5xx except UNAVAILABLE', () => {
  const specs = Object.values(SHARED_ERRORS);
  assert.equal(new Set(specs.map((s) => s.code)).size, specs.length);
  assert.deepEqual(
    specs.filter((s) => s.http >= 500).map((s) => s.code),
    ['HUNT_ERR_UNAVAILABLE'],
  );
});

test('every shared error code is documented in loot.proto with its gRPC status', () => {
  const proto = readFileSync(join(protoRoot(), PROTO_FILES.loot), 'utf8');
  for (const spec of Object.values(SHARED_ERRORS)) {
    assert.match(proto, new RegExp(`//\\s+${status[spec.grpc]}\\s+${spec.code}\\s`), spec.code);
  }
});
