import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createTokenBucket } from './token-bucket';

describe('token bucket', () => {
  test('grants the burst at once, then the rate', () => {
    const b = createTokenBucket({ ratePerS: 10, burst: 5, nowMs: 0 });
    assert.equal(b.take(100, 0), 5);
    assert.equal(b.take(100, 0), 0);
    assert.equal(b.take(100, 1000), 5); // refills to the burst, not beyond
    assert.equal(b.take(3, 1300), 3);
    assert.equal(b.take(3, 1300), 0);
  });

  test('property: over any run of ticks, granted <= rate x elapsed + burst', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 100_000 })), {
          minLength: 1,
          maxLength: 200,
        }),
        (rate, burst, ticks) => {
          const b = createTokenBucket({ ratePerS: rate, burst, nowMs: 0 });
          let now = 0;
          let granted = 0;
          for (const [dt, wanted] of ticks) {
            now += dt;
            const g = b.take(wanted, now);
            assert.ok(g >= 0 && g <= wanted);
            granted += g;
          }
          assert.ok(granted <= (rate * now) / 1000 + burst + 1e-9, `${granted} > ${(rate * now) / 1000 + burst}`);
        },
      ),
    );
  });

  test('setRate applies from now on', () => {
    const b = createTokenBucket({ ratePerS: 100, burst: 1000, nowMs: 0 });
    b.take(1000, 0);
    b.setRate(10, 1000);
    assert.equal(b.take(1000, 1000), 100);
    assert.equal(b.take(1000, 2000), 10);
  });
});
