import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { protoRoot, PROTO_FILES } from '@hunt/contracts';
import { LOOT_ERRORS } from './errors';

test('every loot error code is documented in loot.proto with its gRPC status', () => {
  const proto = readFileSync(join(protoRoot(), PROTO_FILES.loot), 'utf8');
  for (const spec of Object.values(LOOT_ERRORS)) {
    assert.match(proto, new RegExp(`//\\s+${status[spec.grpc]}\\s+${spec.code}\\s`), spec.code);
  }
});
