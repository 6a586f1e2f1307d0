/**
 * Runs one measurement: spawns `processes` grpc-client.ts children that interleave load over
 * `ports` (see grpc-client.ts), splitting `concurrency` between them; starts their recording
 * windows together (after every child has warmed up) and merges their histograms per port.
 * Server CPU is this process's CPU over the window, so the servers under test must run here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { histogramAdd, histogramPercentile, round, type MicrosHistogram } from '../lib/stats';

const CLIENT = join(import.meta.dirname, 'grpc-client.ts');

export interface LoadSpec {
  readonly ports: readonly number[];
  readonly key: string;
  readonly concurrency: number;
  readonly processes: number;
  /** Channels per client process and target. */
  readonly channels: number;
  readonly warmupMs: number;
  /** Recorded seconds per port (the window lasts seconds x ports.length). */
  readonly seconds: number;
}

export interface TargetFigures {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly errors: number;
}

export interface LoadResult {
  /** In `ports` order. */
  readonly targets: readonly TargetFigures[];
  /** CPU over the window as % of one core: all client processes / this (servers') process /
   *  everything else on the machine (other tenants). */
  readonly client_cpu_pct: number;
  readonly server_cpu_pct: number;
  readonly other_cpu_pct: number | null;
}

interface ChildResult {
  cpu_ms: number;
  wall_s: number;
  targets: { count: number; errors: number; seconds: number; hist: [number, number][] }[];
}

/** Line-oriented JSON messages from a child's stdout, in order. */
function messages(child: ChildProcess): () => Promise<{ phase: string }> {
  const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async () => {
    const r = await it.next();
    if (r.done) throw new Error(`grpc-client exited early (code ${child.exitCode})`);
    return JSON.parse(r.value) as { phase: string };
  };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const share = (i: number) =>
    Math.floor(spec.concurrency / spec.processes) + (i < spec.concurrency % spec.processes ? 1 : 0);
  const children = Array.from({ length: spec.processes }, (_, i) =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLIENT,
        '--ports',
        spec.ports.join(','),
        '--key',
        spec.key,
        '--concurrency',
        String(share(i)),
        '--channels',
        String(spec.channels),
        '--warmup-ms',
        String(spec.warmupMs),
        '--seconds',
        String(spec.seconds),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    ),
  );
  try {
    const next = children.map(messages);
    await Promise.all(next.map((n) => n())); // every child warmed up: {"phase":"ready"}
    const ticks0 = readCpuTicks();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const child of children) child.stdin.write('go\n');
    const results = (await Promise.all(next.map((n) => n()))) as unknown as ChildResult[];
    const serverCpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    const machine = machineCpuPct(ticks0, readCpuTicks());

    const targets = spec.ports.map((_, i): TargetFigures => {
      const hist: MicrosHistogram = new Map();
      let count = 0,
        errors = 0,
        seconds = 0;
      for (const r of results) {
        const t = r.targets[i]!;
        for (const [us, n] of t.hist) histogramAdd(hist, us, n);
        count += t.count;
        errors += t.errors;
        seconds = Math.max(seconds, t.seconds);
      }
      const ok = count > errors;
      return {
        rps: Math.round(count / seconds),
        errors,
        p50_ms: ok ? round(histogramPercentile(hist, 0.5) / 1000) : NaN,
        p99_ms: ok ? round(histogramPercentile(hist, 0.99) / 1000) : NaN,
      };
    });
    const client = Math.round(results.reduce((n, r) => n + r.cpu_ms / (r.wall_s * 1000), 0) * 100);
    const server = Math.round(((serverCpu.user + serverCpu.system) / 1000 / wallMs) * 100);
    return {
      targets,
      client_cpu_pct: client,
      server_cpu_pct: server,
      other_cpu_pct: machine ? Math.max(0, machine.busy - client - server) : null,
    };
  } finally {
    // Wait for every child to be gone so its CPU cannot overlap the next measurement.
    await Promise.all(children.map(reap));
  }
}

function reap(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = setTimeout(() => child.kill(), 2000); // normal exit follows the result at once
  return exited.finally(() => clearTimeout(kill));
}
