import { interpolate, parseDurationMinutes, type Curve, type Interpolation } from '@hunt/config-schema';

/** A curve ready for evaluation: keyframe offsets in minutes since the season start. */
export interface CompiledCurve {
  readonly kind: Interpolation;
  readonly at: Float64Array;
  readonly values: Float64Array;
}

/** A curve that is 1 everywhere: what a missing curve means (the base knob unchanged). */
export const FLAT: CompiledCurve = { kind: 'step', at: Float64Array.of(0), values: Float64Array.of(1) };

export function compileCurve(curve: Curve | undefined): CompiledCurve {
  if (!curve) return FLAT;
  return {
    kind: curve.interpolation,
    at: Float64Array.from(curve.keyframes, (k) => parseDurationMinutes(k.at) ?? 0),
    values: Float64Array.from(curve.keyframes, (k) => k.value),
  };
}

/**
 * The curve's value at `minute` (whole minutes since the season start, may be negative or past
 * the end): the first value before the first keyframe, the last after the last one.
 */
export function evaluateCurve(c: CompiledCurve, minute: number): number {
  const n = c.at.length;
  if (minute <= c.at[0]!) return c.values[0]!;
  if (minute >= c.at[n - 1]!) return c.values[n - 1]!;
  let i = 1;
  while (c.at[i]! <= minute) i++;
  const from = c.at[i - 1]!;
  return interpolate(c.kind, c.values[i - 1]!, c.values[i]!, (minute - from) / (c.at[i]! - from));
}
