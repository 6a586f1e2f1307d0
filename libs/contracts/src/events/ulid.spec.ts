import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { treasureSpawnedV1 } from './treasure-spawned';
import { decodeTime } from 'ulidx';
import { ulid } from './ulid';

test('ulids sort by time and round-trip their timestamp', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 0, max: 2 ** 47 }), (a, b) => {
      const [x, y] = [ulid(a), ulid(b)];
      assert.equal(decodeTime(x), a);
      if (a < b) assert.ok(x < y);
    }),
  );
});

test('a bad time is refused, and so is a garbage id when decoded (the hand-written one returned -36319351833633)', () => {
  assert.throws(() => ulid(-1));
  assert.throws(() => ulid(Number.NaN));
  assert.throws(() => decodeTime('not-a-ulid-at-all-000000000'));
});

test('a seeded source replays the same ids', () => {
  const seeded = () => {
    let x = 7;
    return () => (x = (x * 16807) % 2147483647) / 2147483647;
  };
  assert.equal(ulid(1_800_000_000_000, seeded()), ulid(1_800_000_000_000, seeded()));
});

test('a spawn event with a ulid id validates; an unknown field does not', () => {
  const event = {
    treasure_id: ulid(1_800_000_000_000),
    zone_id: 'old-town',
    lat: 52.5,
    lng: 13.4,
    tier: 'rare',
    spawned_at: 1_800_000_000_000,
    expires_at: 1_800_000_600_000,
    config_version: 3,
  };
  assert.equal(treasureSpawnedV1.safeParse(event).success, true);
  assert.equal(treasureSpawnedV1.safeParse({ ...event, extra: 1 }).success, false);
  assert.equal(treasureSpawnedV1.safeParse({ ...event, expires_at: 1 }).success, false);
});
