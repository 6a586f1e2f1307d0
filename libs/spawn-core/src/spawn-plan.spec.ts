import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSpawnAccumulator } from './spawn-plan';

test('property: after any ticks, spawned = floor(sum of rate x dt) (never drifts)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.integer({ min: 0, max: 2000 })), {
        maxLength: 300,
      }),
      (ticks) => {
        const acc = createSpawnAccumulator();
        let expected = 0;
        let spawned = 0;
        for (const [rate, dt] of ticks) {
          expected += (rate * dt) / 1000;
          spawned += acc.due(rate, dt);
        }
        assert.ok(spawned <= expected + 1e-6 && spawned > expected - 1 - 1e-6, `${spawned} vs ${expected}`);
      },
    ),
  );
});
