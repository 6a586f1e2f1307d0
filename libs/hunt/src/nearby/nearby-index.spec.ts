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
});
