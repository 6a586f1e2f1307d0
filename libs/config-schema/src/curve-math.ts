/**
 * What the curve words in the TOML mean. One definition shared by the schema's invariants and
 * by libs/difficulty's evaluation, so the check and the game can never disagree.
 */
export const INTERPOLATIONS = ['step', 'linear', 'smooth'] as const;
export type Interpolation = (typeof INTERPOLATIONS)[number];

/**
 * The value between two keyframes at fraction `x` (0..1) of the way from `a` to `b`.
 * step: holds `a` until the next keyframe; linear: straight line; smooth: smoothstep
 * (3x^2 - 2x^3), continuous with zero slope at both keyframes.
 */
export function interpolate(kind: Interpolation, a: number, b: number, x: number): number {
  if (kind === 'step') return a;
  if (kind === 'linear') return a + (b - a) * x;
  return a + (b - a) * x * x * (3 - 2 * x);
}

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** "90m", "2d", "1d12h" -> minutes; undefined when malformed. Curves resolve at whole minutes. */
export function parseDurationMinutes(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** "18:30" (UTC) -> minute of the day; undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The largest factor by which a curve segment changes between two consecutive whole minutes,
 * from value `a` at minute 0 to `b` at minute `minutes`. Values are positive (the schema
 * requires it), so the ratio is always defined.
 */
export function maxMinuteRatio(kind: Interpolation, a: number, b: number, minutes: number): number {
  if (kind === 'step' || minutes <= 1) return Math.max(a / b, b / a);
  let worst = 1;
  let prev = a;
  for (let m = 1; m <= minutes; m++) {
    const next = interpolate(kind, a, b, m / minutes);
    worst = Math.max(worst, next / prev, prev / next);
    prev = next;
  }
  return worst;
}
