/**
 * The closed-loop, interleaved load loop shared by the benchmark client processes
 * (config/grpc-client.ts, claims/claims-client.ts), run as a CHILD process so the client's CPU
 * is not the servers'.
 *
 * Interleaving: new calls go to one target at a time, switching every `sliceMs` (round-robin),
 * so every target sees the same machine conditions (other tenants' load drifts on a shared box);
 * calls are attributed to the target they were sent to, and a target's rps is its completed
 * calls / the time its slices lasted.
 *
 * Protocol with the parent (stdout = JSON lines, stdin = commands):
 *   1. runs load for `warmupMs` (not recorded), prints {"phase":"ready"};
 *   2. on a "go" line on stdin, records for `seconds` PER TARGET (total = seconds x targets),
 *      drains in-flight calls, prints {"phase":"result", cpu_ms, wall_s, targets: [{count,
 *      errors, seconds, hist: [[micros, count], ...]}, ...]} in target order, and exits.
 * Each of the `concurrency` workers keeps exactly one call in flight.
 */
import { createInterface } from 'node:readline';
import { histogramAdd, type MicrosHistogram } from './stats';

export interface LoadTarget {
  /** Sends one call on behalf of `worker`; `done` runs once when it completes. */
  send(worker: number, done: (error: unknown) => void): void;
  close(): void;
}

export interface InterleavedLoad {
  readonly concurrency: number;
  readonly warmupMs: number;
  /** Recorded seconds per target. */
  readonly seconds: number;
  readonly sliceMs: number;
}

export async function runInterleavedClient(targets: readonly LoadTarget[], load: InterleavedLoad): Promise<void> {
  const stats = targets.map(() => ({ count: 0, errors: 0, ms: 0, hist: new Map() as MicrosHistogram }));
  let current = 0; // index of the target new calls go to
  let recording = false;
  let stopping = false;
  let inFlight = 0;
  let onDrained: () => void = () => {};

  function issue(worker: number): void {
    const i = current;
    inFlight++;
    const t0 = performance.now();
    targets[i]!.send(worker, (error) => {
      inFlight--;
      if (recording) {
        const s = stats[i]!;
        if (error) s.errors++;
        else histogramAdd(s.hist, Math.round((performance.now() - t0) * 1000));
        s.count++;
      }
      if (!stopping) issue(worker);
      else if (inFlight === 0) onDrained();
    });
  }

  let sliceStart = performance.now();
  const slicer = setInterval(() => {
    const now = performance.now();
    if (recording) stats[current]!.ms += now - sliceStart;
    sliceStart = now;
    current = (current + 1) % targets.length;
  }, load.sliceMs);
  for (let w = 0; w < load.concurrency; w++) issue(w);
  await new Promise((r) => setTimeout(r, load.warmupMs));
  process.stdout.write(`${JSON.stringify({ phase: 'ready' })}\n`);

  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== 'go') continue;
    for (const s of stats) Object.assign(s, { count: 0, errors: 0, ms: 0, hist: new Map() });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    sliceStart = t0;
    recording = true;
    await new Promise((r) => setTimeout(r, load.seconds * 1000 * targets.length));
    recording = false; // calls completing after this instant are not counted
    clearInterval(slicer);
    stats[current]!.ms += performance.now() - sliceStart;
    const wall_s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    stopping = true;
    await new Promise<void>((r) => (inFlight === 0 ? r() : (onDrained = r)));
    const result = {
      phase: 'result',
      cpu_ms: (cpu.user + cpu.system) / 1000,
      wall_s,
      targets: stats.map((s) => ({ count: s.count, errors: s.errors, seconds: s.ms / 1000, hist: [...s.hist] })),
    };
    for (const t of targets) t.close();
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
    break;
  }
}
