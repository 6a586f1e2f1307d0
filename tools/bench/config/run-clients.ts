/**
 * Runs one measurement: spawns `processes` grpc-client.ts children against 127.0.0.1:port,
 * splitting `concurrency` between them, starts their recording windows together (after every
 * child has warmed up) and merges their histograms. Server CPU is measured as this process's
 * CPU over the window, so the server under test must run in this process and be the only
 * one under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { histogramAdd, histogramPercentile, round, type MicrosHistogram } from '../lib/stats';

const CLIENT = join(import.meta.dirname, 'grpc-client.ts');

export interface LoadSpec {
  readonly port: number;
  readonly key: string;
  readonly concurrency: number;
  readonly processes: number;
  /** Channels per client process. */
  readonly channels: number;
  readonly warmupMs: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly errors: number;
  /** CPU used, as % of one core, over the window: all client processes / this (server) process. */
  readonly client_cpu_pct: number;
  readonly server_cpu_pct: number;
  /** CPU taken by everything else on the machine over the window (other tenants), same unit. */
  readonly other_cpu_pct: number | null;
}

interface ChildResult {
  count: number;
  errors: number;
  seconds: number;
  cpu_ms: number;
  hist: [number, number][];
}

/** Line-oriented JSON messages from a child's stdout, in order. */
function messages(child: ChildProcess): AsyncIterator<{ phase: string }> {
  const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async next() {
      const r = await it.next();
      if (r.done) throw new Error(`grpc-client exited early (code ${child.exitCode})`);
      return { done: false, value: JSON.parse(r.value) as { phase: string } };
    },
  };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const perProcess = Array.from({ length: spec.processes }, (_, i) =>
    Math.floor(spec.concurrency / spec.processes) + (i < spec.concurrency % spec.processes ? 1 : 0),
  );
  const children = perProcess.map((c) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', CLIENT, '--port', String(spec.port), '--key', spec.key, '--concurrency', String(c),
        '--channels', String(spec.channels), '--warmup-ms', String(spec.warmupMs), '--seconds', String(spec.seconds)],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    ),
  );
  try {
    const streams = children.map(messages);
    await Promise.all(streams.map((s) => s.next())); // every child warmed up: {"phase":"ready"}
    const ticks0 = readCpuTicks();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const child of children) child.stdin!.write('go\n');
    const results = (await Promise.all(streams.map((s) => s.next()))).map((r) => r.value as unknown as ChildResult);
    const serverCpu = process.cpuUsage(cpu0);
    const serverWall = performance.now() - t0;
    const machine = machineCpuPct(ticks0, readCpuTicks());

    const hist: MicrosHistogram = new Map();
    for (const r of results) for (const [us, n] of r.hist) histogramAdd(hist, us, n);
    const ok = results.reduce((n, r) => n + r.count - r.errors, 0);
    const seconds = Math.max(...results.map((r) => r.seconds));
    const clientPct = Math.round(results.reduce((n, r) => n + r.cpu_ms / (r.seconds * 1000), 0) * 100);
    const serverPct = Math.round(((serverCpu.user + serverCpu.system) / 1000 / serverWall) * 100);
    return {
      rps: Math.round(results.reduce((n, r) => n + r.count, 0) / seconds),
      p50_ms: ok ? round(histogramPercentile(hist, 0.5) / 1000) : NaN,
      p99_ms: ok ? round(histogramPercentile(hist, 0.99) / 1000) : NaN,
      errors: results.reduce((n, r) => n + r.errors, 0),
      client_cpu_pct: clientPct,
      server_cpu_pct: serverPct,
      other_cpu_pct: machine ? Math.max(0, machine.busy - clientPct - serverPct) : null,
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
