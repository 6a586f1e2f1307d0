/**
 * Closed-loop load generator for config.v1.ConfigService/Get, run as a CHILD process so the
 * client's CPU is not the servers': `node --import tsx tools/bench/config/grpc-client.ts
 *   --ports P1[,P2...] [--key K] [--concurrency C] [--channels N] [--warmup-ms W]
 *   [--seconds S] [--slice-ms M]`.
 *
 * Interleaving: the target server changes every --slice-ms (round-robin over --ports), so every
 * target sees the same machine conditions (other tenants' load drifts on a shared box); each
 * target's figures are aggregated over its own slices. Calls are attributed to the target they
 * were sent to; a target's rps is its completed calls / the time its slices lasted.
 *
 * Protocol with the parent (stdout = JSON lines, stdin = commands):
 *   1. connects, runs load for --warmup-ms (not recorded), prints {"phase":"ready"};
 *   2. on a "go" line on stdin, records for --seconds PER TARGET (total = seconds x targets),
 *      drains in-flight calls, prints {"phase":"result", cpu_ms, wall_s, targets: [{count,
 *      errors, seconds, hist: [[micros, count], ...]}, ...]} in --ports order, and exits.
 * Each of the C workers keeps exactly one call in flight; worker w uses channel w % N. With
 * N > 1 every channel gets its own subchannel (TCP connection) via grpc.use_local_subchannel_pool.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, type ConfigGetRequest, type ConfigGetResponse } from '@hunt/contracts';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { histogramAdd, type MicrosHistogram } from '../lib/stats';

const { values: v } = parseArgs({
  options: {
    ports: { type: 'string' },
    key: { type: 'string', default: 'spawn.treasure_ttl_s' },
    concurrency: { type: 'string', default: '1' },
    channels: { type: 'string', default: '1' },
    'warmup-ms': { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    'slice-ms': { type: 'string', default: '100' },
  },
});
const ports = (v.ports ?? '').split(',').map(Number);
const [concurrency, channels, sliceMs] = [Number(v.concurrency), Number(v.channels), Number(v['slice-ms'])];
if (!ports.every((p) => Number.isInteger(p) && p > 0) || concurrency < 1 || channels < 1 || sliceMs <= 0) {
  throw new Error(`grpc-client: bad arguments ${JSON.stringify(v)}`);
}

type GetFn = (req: ConfigGetRequest, cb: (err: grpc.ServiceError | null, res?: ConfigGetResponse) => void) => void;
const pd = grpc.loadPackageDefinition(loadProto(PROTO_FILES.config)) as unknown as {
  config: { v1: { ConfigService: grpc.ServiceClientConstructor } };
};
interface Target {
  readonly clients: { Get: GetFn; close(): void }[];
  count: number;
  errors: number;
  ms: number;
  hist: MicrosHistogram;
}
const targets: Target[] = ports.map((port) => ({
  clients: Array.from(
    { length: channels },
    () =>
      new pd.config.v1.ConfigService(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': channels > 1 ? 1 : 0,
      }) as unknown as Target['clients'][number],
  ),
  count: 0,
  errors: 0,
  ms: 0,
  hist: new Map(),
}));
await Promise.all(
  targets.flatMap((t) =>
    t.clients.map(
      (c) =>
        new Promise<void>((ok, fail) =>
          (c as unknown as grpc.Client).waitForReady(Date.now() + 5000, (e) => (e ? fail(e) : ok())),
        ),
    ),
  ),
);

const request: ConfigGetRequest = { key: v.key };
let current = 0; // index into targets of the server new calls go to
let recording = false;
let stopping = false;
let inFlight = 0;
let onDrained: () => void = () => {};

function issue(worker: number): void {
  const target = targets[current]!;
  inFlight++;
  const t0 = performance.now();
  target.clients[worker % channels]!.Get(request, (err) => {
    inFlight--;
    if (recording) {
      if (err) target.errors++;
      else histogramAdd(target.hist, Math.round((performance.now() - t0) * 1000));
      target.count++;
    }
    if (!stopping) issue(worker);
    else if (inFlight === 0) onDrained();
  });
}

let sliceStart = performance.now();
const slicer = setInterval(() => {
  const now = performance.now();
  if (recording) targets[current]!.ms += now - sliceStart;
  sliceStart = now;
  current = (current + 1) % targets.length;
}, sliceMs);
for (let w = 0; w < concurrency; w++) issue(w);
await new Promise((r) => setTimeout(r, Number(v['warmup-ms'])));
process.stdout.write(`${JSON.stringify({ phase: 'ready' })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'go') continue;
  for (const t of targets) Object.assign(t, { count: 0, errors: 0, ms: 0, hist: new Map() });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  sliceStart = t0;
  recording = true;
  await new Promise((r) => setTimeout(r, Number(v.seconds) * 1000 * targets.length));
  recording = false; // calls completing after this instant are not counted
  clearInterval(slicer);
  targets[current]!.ms += performance.now() - sliceStart;
  const wall_s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  stopping = true;
  await new Promise<void>((r) => (inFlight === 0 ? r() : (onDrained = r)));
  const result = {
    phase: 'result',
    cpu_ms: (cpu.user + cpu.system) / 1000,
    wall_s,
    targets: targets.map((t) => ({ count: t.count, errors: t.errors, seconds: t.ms / 1000, hist: [...t.hist] })),
  };
  for (const t of targets) for (const c of t.clients) c.close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  break;
}
