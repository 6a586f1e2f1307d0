import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createConfigStaleness } from './staleness';

describe('config staleness', () => {
  test('is 0 until a newer version is seen, then counts from the first sighting', () => {
    let now = 1_000_000;
    const s = createConfigStaleness(5, () => now);
    s.observeVersion(4);
    s.observeVersion('5');
    s.observeVersion(undefined);
    s.observeVersion('garbage');
    now += 10_000;
    assert.equal(s.stalenessSeconds(), 0);
    s.observeVersion('6');
    now += 2_500;
    assert.equal(s.stalenessSeconds(), 2.5);
    s.observeVersion(7); // a still newer version does not restart the clock
    now += 500;
    assert.equal(s.stalenessSeconds(), 3);
    assert.equal(s.newestVersion(), 7);
  });

  test('property: never negative and 0 exactly when nothing newer was seen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.integer({ min: 0, max: 2000 })), (own, seen) => {
        let now = 0;
        const s = createConfigStaleness(own, () => now);
        for (const v of seen) {
          s.observeVersion(v);
          now += 1000;
        }
        const newer = seen.some((v) => v > own);
        assert.ok(s.stalenessSeconds() >= 0);
        assert.equal(s.stalenessSeconds() > 0, newer);
        assert.equal(s.newestVersion(), Math.max(own, ...seen));
      }),
    );
  });
});
