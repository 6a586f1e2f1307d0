import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createNearbyIndex, type NearbyTreasure } from './nearby-index';

const at = (id: string, lat: number, lng: number, expiresAtMs = 10_000): NearbyTreasure => ({
  id,
  zoneId: 'old-town',
  shardId: '871f1d489ffffff',
  lat,
  lng,
  tier: 'common',
  expiresAtMs,
});

describe('nearby index', () => {
  test('lists treasures within the radius, nearest first, across cell edges', () => {
    const index = createNearbyIndex();
    // 52.52 sits on a cell edge: neighbours live in different cells.
    index.add(at('far', 52.5219, 13.4), 0); // ~211 m north
    index.add(at('near', 52.5201, 13.4), 0); // ~11 m
    index.add(at('west', 52.5199, 13.3999), 0); // ~13 m, other cell
    index.add(at('out', 52.53, 13.4), 0); // ~1.1 km
    const hits = index.near(52.52, 13.4, 250, 10, 1);
    assert.deepEqual(
      hits.map((h) => h.treasure.id),
      ['near', 'west', 'far'],
    );
    assert.ok(Math.abs(hits[0]!.distanceM - 11.1) < 0.5);
    assert.deepEqual(
      index.near(52.52, 13.4, 250, 2, 1).map((h) => h.treasure.id),
      ['near', 'west'],
    );
  });

  test('expired treasures are never listed and are swept; their place still resolves', () => {
    const index = createNearbyIndex();
    index.add(at('a', 52.52, 13.4, 100), 0);
    index.add(at('stale', 52.52, 13.4, 50), 60); // already expired on arrival: skipped
    assert.equal(index.size(), 1);
    assert.equal(index.near(52.52, 13.4, 10, 10, 100).length, 0);
    assert.equal(index.sweep(100), 0);
    assert.deepEqual(index.placeOf('a'), { zoneId: 'old-town', shardId: '871f1d489ffffff' });
    assert.equal(index.placeOf('stale'), undefined);
  });

  test('a claimed treasure disappears at once and a replayed spawn does not bring it back', () => {
    const index = createNearbyIndex();
    index.add(at('a', 52.52, 13.4), 0);
    index.claimed('a', 1);
    assert.equal(index.near(52.52, 13.4, 10, 10, 2).length, 0);
    index.add(at('a', 52.52, 13.4), 3);
    assert.equal(index.size(), 0);
    assert.deepEqual(index.placeOf('a'), { zoneId: 'old-town', shardId: '871f1d489ffffff' });
    // An award for a treasure this replica never listed blocks its replayed spawn; its place is unknown.
    index.claimed('b', 1, undefined);
    index.add(at('b', 52.52, 13.4), 2);
    assert.equal(index.size(), 0);
    assert.equal(index.placeOf('b'), undefined);
  });

  test('the nearest `limit` are the nearest of all: same as sorting every distance, for any limit', () => {
    let seed = 5; // a fixed Lehmer sequence: the same points every run
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const index = createNearbyIndex();
    const all = Array.from({ length: 2000 }, (_, i) =>
      at(`t${i}`, 52.51 + random() * 0.02, 13.39 + random() * 0.03, 1 + Math.floor(random() * 200)),
    );
    for (const t of all) index.add(t, 0);
    const metres = (t: NearbyTreasure, lat: number, lng: number) =>
      Math.hypot((t.lng - lng) * 111_195.08 * Math.cos((lat * Math.PI) / 180), (t.lat - lat) * 111_195.08);
    for (let q = 0; q < 50; q++) {
      const [lat, lng, nowMs] = [52.51 + random() * 0.02, 13.39 + random() * 0.03, Math.floor(random() * 200)];
      const radius = 50 + random() * 400;
      const expected = all
        .filter((t) => t.expiresAtMs > nowMs && metres(t, lat, lng) <= radius)
        .map((t) => metres(t, lat, lng))
        .sort((a, b) => a - b);
      for (const limit of [0, 1, 7, 30, 1000, Number.MAX_SAFE_INTEGER]) {
        const hits = index.near(lat, lng, radius, limit, nowMs);
        assert.equal(hits.length, Math.min(limit, expected.length), `query ${q}, limit ${limit}`);
        hits.forEach((h, k) => {
          assert.ok(Math.abs(h.distanceM - expected[k]!) < 0.01, `query ${q}, limit ${limit}, hit ${k}`);
          assert.ok(h.treasure.expiresAtMs > nowMs);
        });
      }
    }
  });
});
