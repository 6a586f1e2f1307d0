import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ulid } from './events/ulid';
import { latitudeSchema, longitudeSchema, slugSchema, ulidSchema } from './primitives';

const message = (schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } }, v: unknown) =>
  schema.safeParse(v).error?.issues[0]?.message;

test('every ulid() output is a ULID; other strings are not', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 47 }), (t) => ulidSchema.safeParse(ulid(t)).success));
  assert.equal(message(ulidSchema, '01J0000000000000000000000I'), 'must be a ULID');
  assert.equal(message(ulidSchema, ulid(0).toLowerCase()), 'must be a ULID');
});

test('a slug is 1..63 lowercase letters, digits and dashes, not starting with a dash', () => {
  for (const ok of ['old-town', 's1', '0', 'a'.repeat(63)]) assert.equal(slugSchema.safeParse(ok).success, true, ok);
  for (const bad of ['', '-a', 'Old', 'a_b', 'a'.repeat(64)])
    assert.equal(message(slugSchema, bad), 'must be lowercase letters, digits and dashes (at most 63)', bad);
});

test('coordinates are finite degrees within range', () => {
  assert.equal(latitudeSchema.safeParse(-90).success && latitudeSchema.safeParse(90).success, true);
  assert.equal(message(latitudeSchema, 90.5), 'must be within -90..90');
  assert.equal(message(longitudeSchema, -180.5), 'must be within -180..180');
  assert.equal(latitudeSchema.safeParse(Number.NaN).success, false);
  assert.equal(longitudeSchema.safeParse(Number.POSITIVE_INFINITY).success, false);
});
