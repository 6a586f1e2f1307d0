import { parseDurationMinutes, parseTimeOfDay, WEEKDAYS, type SpawnWindow } from '@hunt/config-schema';

export const MINUTES_PER_WEEK = 7 * 1440;

/** Per minute of the UTC week (Monday 00:00 = 0): the stacked factors of every open window. */
export interface WindowTable {
  readonly spawn: Float64Array;
  readonly loot: Float64Array;
}

/**
 * Stacking rule: factors of overlapping windows multiply, and the product is capped at
 * `maxStack` (a cap upwards only: windows that lower a value are never capped). A window that
 * runs past midnight (or past Sunday) continues into the next day (or Monday).
 */
export function compileWindows(windows: readonly SpawnWindow[], maxStack: number): WindowTable {
  const spawn = new Float64Array(MINUTES_PER_WEEK).fill(1);
  const loot = new Float64Array(MINUTES_PER_WEEK).fill(1);
  for (const w of windows) {
    const start = parseTimeOfDay(w.start) ?? 0;
    const length = parseDurationMinutes(w.duration) ?? 0;
    for (const day of w.days ?? WEEKDAYS) {
      const open = WEEKDAYS.indexOf(day) * 1440 + start;
      for (let k = 0; k < length; k++) {
        const m = (open + k) % MINUTES_PER_WEEK;
        spawn[m]! *= w.spawn_rate;
        loot[m]! *= w.loot_multiplier;
      }
    }
  }
  for (const table of [spawn, loot])
    for (let m = 0; m < MINUTES_PER_WEEK; m++) table[m] = Math.min(table[m]!, maxStack);
  return { spawn, loot };
}

/** Minute of the UTC week (Monday 00:00 = 0) of a Unix minute. 1970-01-01 was a Thursday. */
export function minuteOfWeek(unixMinute: number): number {
  const day = (((Math.floor(unixMinute / 1440) + 3) % 7) + 7) % 7;
  return day * 1440 + (((unixMinute % 1440) + 1440) % 1440);
}
