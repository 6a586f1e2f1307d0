/** Axis ticks: UTC time ticks on clock and calendar boundaries, and 1-2-5 value ticks. */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** 1970-01-05, the first Monday after the epoch: weekly ticks fall on Mondays. */
const MONDAY_OFFSET = 4 * DAY;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface TimeTick {
  readonly t: number;
  /** "18:00" below a day, "Dec 07" from a day up. */
  readonly label: string;
  /** A second line where the first alone is ambiguous: the date at midnight, the year. */
  readonly context?: string;
}

type Step = { ms: number; offset: number } | { months: number };
const STEPS: readonly Step[] = [
  ...[10, 15, 30].map((m) => ({ ms: m * MIN, offset: 0 })),
  ...[1, 2, 3, 6, 12].map((h) => ({ ms: h * HOUR, offset: 0 })),
  ...[1, 2].map((d) => ({ ms: d * DAY, offset: 0 })),
  { ms: 7 * DAY, offset: MONDAY_OFFSET },
  { ms: 14 * DAY, offset: MONDAY_OFFSET },
  { months: 1 },
  { months: 3 },
  { months: 12 },
];

/** At most `maxTicks` ticks in [fromMs, toMs], on the finest UTC boundary that fits. */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number): TimeTick[] {
  for (const step of STEPS) {
    const times = stepTimes(step, fromMs, toMs);
    if (times.length <= maxTicks) return label(times, 'ms' in step && step.ms < DAY);
  }
  return label(stepTimes({ months: 12 * Math.ceil((toMs - fromMs) / (365 * DAY * maxTicks)) }, fromMs, toMs), false);
}

function stepTimes(step: Step, fromMs: number, toMs: number): number[] {
  const times: number[] = [];
  if ('ms' in step) {
    for (let t = Math.ceil((fromMs - step.offset) / step.ms) * step.ms + step.offset; t <= toMs; t += step.ms)
      times.push(t);
    return times;
  }
  const from = new Date(fromMs);
  const first = from.getUTCFullYear() * 12 + Math.ceil(from.getUTCMonth() / step.months) * step.months;
  for (let m = first; ; m += step.months) {
    const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
    if (t < fromMs) continue;
    if (t > toMs) return times;
    times.push(t);
  }
}

function label(times: readonly number[], clock: boolean): TimeTick[] {
  return times.map((t, i) => {
    const d = new Date(t);
    const date = `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}`;
    if (clock) {
      const context = i === 0 || t % DAY === 0 ? `${WEEKDAYS[d.getUTCDay()]} ${date}` : undefined;
      return { t, label: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`, context };
    }
    const newYear = i === 0 || new Date(times[i - 1]!).getUTCFullYear() !== d.getUTCFullYear();
    return { t, label: date, context: newYear ? String(d.getUTCFullYear()) : undefined };
  });
}

/** "2026-12-01 18:00 UTC": an instant as the chart's title and table show it. */
export function formatUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Ticks from 0 to a 1-2-5 rounded top at or above `max` (1 when nothing is above 0). */
export function valueTicks(max: number, maxTicks = 5): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 0.5, 1] };
  const raw = max / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw)!;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => round(i * step));
  return { top: round(top), ticks };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Drops float noise such as 0.30000000000000004 so labels print cleanly. */
const round = (n: number) => Number(n.toPrecision(12));
