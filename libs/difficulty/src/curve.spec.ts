import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Curve } from '@hunt/config-schema';
import { compileCurve, evaluateCurve } from './curve';

const keyframes = fc
  .uniqueArray(fc.integer({ min: 0, max: 200_000 }), { minLength: 2, maxLength: 8 })
  .map((ats) => ats.sort((a, b) => a - b))
  .chain((ats) =>
    fc.tuple(
      fc.constant(ats),
      fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: ats.length, maxLength: ats.length }),
    ),
  );

function curveOf(kind: Curve['interpolation'], ats: number[], values: number[]) {
  return compileCurve({
    interpolation: kind,
    keyframes: ats.map((a, i) => ({ at: `${a}m`, value: values[i]!, jump: false })),
  });
}

describe('curves', () => {
  test('step holds each value until the next keyframe', () => {
    const c = curveOf('step', [0, 60, 120], [1, 2, 3]);
    assert.deepEqual(
      [-5, 0, 59, 60, 119, 120, 9999].map((m) => evaluateCurve(c, m)),
      [1, 1, 1, 2, 2, 3, 3],
    );
  });

  test('linear halfway is the mean; smooth eases (below linear in the first half when rising)', () => {
    const lin = curveOf('linear', [0, 100], [1, 3]);
    const smooth = curveOf('smooth', [0, 100], [1, 3]);
    assert.equal(evaluateCurve(lin, 50), 2);
    assert.equal(evaluateCurve(smooth, 50), 2);
    assert.ok(evaluateCurve(smooth, 25) < evaluateCurve(lin, 25));
  });

  test('property: linear and smooth values stay between their neighbouring keyframes', () => {
    fc.assert(
      fc.property(
        keyframes,
        fc.constantFrom<'linear' | 'smooth'>('linear', 'smooth'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([ats, values], kind, x) => {
          const c = curveOf(kind, ats, values);
          const i = Math.min(Math.floor(x * (ats.length - 1)), ats.length - 2);
          const m = ats[i]! + (ats[i + 1]! - ats[i]!) * (x * (ats.length - 1) - i);
          const v = evaluateCurve(c, m);
          const [lo, hi] = [Math.min(values[i]!, values[i + 1]!), Math.max(values[i]!, values[i + 1]!)];
          assert.ok(v >= lo - 1e-9 && v <= hi + 1e-9, `${v} outside [${lo}, ${hi}]`);
        },
      ),
    );
  });

  test('property: linear and smooth curves are continuous (tiny steps give tiny changes)', () => {
    fc.assert(
      fc.property(
        keyframes,
        fc.constantFrom<'linear' | 'smooth'>('linear', 'smooth'),
        fc.integer({ min: -10, max: 210_000 }),
        ([ats, values], kind, m) => {
          const c = curveOf(kind, ats, values);
          const eps = 1e-6;
          const jump = Math.abs(evaluateCurve(c, m + eps) - evaluateCurve(c, m));
          const steepest = Math.max(...values) / Math.max(1, Math.min(...ats.slice(1).map((a, i) => a - ats[i]!)));
          assert.ok(jump <= 2 * steepest * eps + 1e-9, `jump ${jump} at minute ${m}`);
        },
      ),
    );
  });

  test('property: never negative for positive keyframes, same input same output', () => {
    fc.assert(
      fc.property(
        keyframes,
        fc.constantFrom<Curve['interpolation']>('step', 'linear', 'smooth'),
        fc.integer({ min: -1e6, max: 1e6 }),
        ([ats, values], kind, m) => {
          const c = curveOf(kind, ats, values);
          assert.ok(evaluateCurve(c, m) > 0);
          assert.equal(evaluateCurve(c, m), evaluateCurve(curveOf(kind, ats, values), m));
        },
      ),
    );
  });
});
