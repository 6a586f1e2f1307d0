import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearbyResponse } from '../routes/schemas';
import { nearbyJson } from './wire';

test('the hand-built nearby body parses to the documented shape, distances to 0.1 m', () => {
  const treasure = (id: string, lat: number) => ({
    id,
    zoneId: 'old-town',
    shardId: '871f1d489ffffff',
    lat,
    lng: 13.4,
    tier: 'rare',
    expiresAtMs: 1_800_000_000_000,
  });
  const hits = [
    { treasure: treasure('01J00000000000000000000000', 52.51), distanceM: 12.345 },
    { treasure: treasure('01J00000000000000000000001', 52.52), distanceM: 0 },
  ];
  const expected = {
    treasures: hits.map((h) => ({
      id: h.treasure.id,
      zone_id: h.treasure.zoneId,
      lat: h.treasure.lat,
      lng: h.treasure.lng,
      tier: h.treasure.tier,
      expires_at: h.treasure.expiresAtMs,
      distance_m: Math.round(h.distanceM * 10) / 10,
    })),
  };
  const body = nearbyJson(hits);
  assert.deepEqual(nearbyResponse.parse(JSON.parse(body)), expected);
  assert.equal(nearbyJson([]), '{"treasures":[]}');
});
