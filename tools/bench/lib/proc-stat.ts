/**
 * Machine-wide CPU accounting from /proc/stat (Linux), so a benchmark can tell how much CPU
 * OTHER processes took during a measurement on a shared box. Returns null off Linux.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface CpuTicks {
  readonly busy: number;
  readonly steal: number;
  readonly total: number;
}

export function readCpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: total - idle - iowait, steal, total };
  } catch {
    return null;
  }
}

/** Busy and steal time between two readings, as % of ONE core (max = 100 x cores). */
export function machineCpuPct(a: CpuTicks | null, b: CpuTicks | null): { busy: number; steal: number } | null {
  if (!a || !b || b.total === a.total) return null;
  const scale = (100 * availableParallelism()) / (b.total - a.total);
  return { busy: Math.round((b.busy - a.busy) * scale), steal: Math.round((b.steal - a.steal) * scale) };
}

/** The 1-minute load average (what `uptime` prints first), for every recorded figure. */
export const loadAverage1m = (): number => Math.round(loadavg()[0]! * 100) / 100;
