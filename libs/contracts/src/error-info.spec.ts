import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Metadata, status } from '@grpc/grpc-js';
import { errorInfoOf, grpcErrorWithInfo, LOOT_ERROR_DOMAIN, STATUS_DETAILS_KEY } from './error-info';

const info = { reason: 'HUNT_ERR_TOO_FAR', domain: LOOT_ERROR_DOMAIN, metadata: { radiusM: '25' } };

test('an error carries its status and an ErrorInfo that decodes back', () => {
  const error = grpcErrorWithInfo(status.OUT_OF_RANGE, 'the player is outside the claim radius', info);
  assert.deepEqual([error.code, error.details], [status.OUT_OF_RANGE, 'the player is outside the claim radius']);
  assert.deepEqual(Object.keys(error.metadata.getMap()), [STATUS_DETAILS_KEY], 'the one trailer of the error');
  assert.deepEqual(errorInfoOf(error.metadata), info);
});

test('no trailer, or one that is not a google.rpc.Status, is no ErrorInfo', () => {
  assert.equal(errorInfoOf(undefined), undefined);
  assert.equal(errorInfoOf(new Metadata()), undefined);
  const garbage = new Metadata();
  garbage.set(STATUS_DETAILS_KEY, Buffer.from([0xff, 0xff, 0xff]));
  assert.equal(errorInfoOf(garbage), undefined);
});
