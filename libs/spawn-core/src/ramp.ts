/**
 * The rate a zone may publish now, given the rate it last published and its target: a rise is
 * limited to `rampPerMinute` (a factor, compounding) per minute since `lastAtMs`; a fall takes
 * effect at once. `floorPerS` lets a zone that published nothing start somewhere (a ramp from 0
 * would never climb). The last published rate is persisted so a new replica continues the ramp.
 */
export function rampedRate(opts: {
  targetPerS: number;
  lastPerS: number | undefined;
  lastAtMs: number | undefined;
  nowMs: number;
  rampPerMinute: number;
  floorPerS: number;
}): number {
  const { targetPerS, lastPerS, lastAtMs, nowMs, rampPerMinute, floorPerS } = opts;
  if (lastPerS === undefined || lastAtMs === undefined) return Math.min(targetPerS, floorPerS);
  if (targetPerS <= lastPerS) return targetPerS;
  const minutes = Math.max(0, nowMs - lastAtMs) / 60_000;
  const allowed = Math.max(lastPerS, floorPerS) * Math.pow(rampPerMinute, minutes);
  return Math.min(targetPerS, allowed);
}
