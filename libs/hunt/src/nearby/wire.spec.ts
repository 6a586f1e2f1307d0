import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearbyResponse } from '../routes/schemas';
import { nearbyBody } from './wire';

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
  const body = nearbyBody(hits).toString('utf8');
  assert.deepEqual(nearbyResponse.parse(JSON.parse(body)), expected);
  assert.equal(nearbyBody([]).toString('utf8'), '{"treasures":[]}');
  assert.equal(nearbyBody(hits).length, Buffer.byteLength(body), 'sized exactly: no stray bytes');
});

test('distances are written to 0.1 m whatever their digits', () => {
  const t = {
    id: '01J00000000000000000000000',
    zoneId: 'z',
    shardId: '871f1d489ffffff',
    lat: 1,
    lng: 2,
    tier: 'common',
    expiresAtMs: 5,
  };
  const cases: [number, number][] = [
    [0.04, 0],
    [0.05, 0.1],
    [9.96, 10],
    [123.45, 123.5],
    [999.94, 999.9],
    [1000, 1000],
    [54321.2, 54321.2],
  ];
  const body = JSON.parse(nearbyBody(cases.map(([d]) => ({ treasure: t, distanceM: d }))).toString('utf8')) as {
    treasures: { distance_m: number }[];
  };
  assert.deepEqual(
    body.treasures.map((x) => x.distance_m),
    cases.map(([, want]) => want),
  );
});
