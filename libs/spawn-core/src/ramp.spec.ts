import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { rampedRate } from './ramp';

const base = { rampPerMinute: 1.5, floorPerS: 1 };

describe('ramp', () => {
  test('a rise climbs at most by the factor per minute; a fall is immediate', () => {
    assert.equal(rampedRate({ ...base, targetPerS: 90, lastPerS: 10, lastAtMs: 0, nowMs: 60_000 }), 15);
    assert.equal(rampedRate({ ...base, targetPerS: 90, lastPerS: 10, lastAtMs: 0, nowMs: 120_000 }), 22.5);
    assert.equal(rampedRate({ ...base, targetPerS: 12, lastPerS: 10, lastAtMs: 0, nowMs: 120_000 }), 12);
    assert.equal(rampedRate({ ...base, targetPerS: 2, lastPerS: 10, lastAtMs: 0, nowMs: 1 }), 2);
  });

  test('without history a zone starts at the floor', () => {
    assert.equal(rampedRate({ ...base, targetPerS: 50, lastPerS: undefined, lastAtMs: undefined, nowMs: 0 }), 1);
    assert.equal(rampedRate({ ...base, targetPerS: 0.3, lastPerS: undefined, lastAtMs: undefined, nowMs: 0 }), 0.3);
  });

  test('property: never above the target, never above last x factor^minutes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.integer({ min: 0, max: 600_000 }),
        (target, last, dt) => {
          const r = rampedRate({ ...base, targetPerS: target, lastPerS: last, lastAtMs: 0, nowMs: dt });
          assert.ok(r <= target + 1e-9);
          assert.ok(r <= Math.max(last, 1) * Math.pow(1.5, dt / 60_000) + 1e-6);
        },
      ),
    );
  });
});
