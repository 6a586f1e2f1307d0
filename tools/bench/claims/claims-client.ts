/**
 * Closed-loop Claim load generator, run as a CHILD process so its CPU is not the servers':
 *   node --import tsx tools/bench/claims/claims-client.ts --ports BASELINE,REAL --ids FILE
 *     --zone Z --lat LAT --lng LNG [--concurrency C] [--warmup-ms W] [--seconds S] [--slice-ms M]
 *
 * Same protocol and interleaving as tools/bench/config/grpc-client.ts (target changes every
 * --slice-ms so both see the same machine; {"phase":"ready"}, then "go" on stdin, then one
 * {"phase":"result", ...} line). Every call claims the next unused treasure id from --ids as a
 * new player, so every call to the real service is a winning claim.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, type ClaimRequest } from '@hunt/contracts';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { histogramAdd, type MicrosHistogram } from '../lib/stats';

const { values: v } = parseArgs({
  options: {
    ports: { type: 'string' },
    ids: { type: 'string' },
    zone: { type: 'string' },
    lat: { type: 'string' },
    lng: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    'warmup-ms': { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    'slice-ms': { type: 'string', default: '100' },
  },
});
const ports = (v.ports ?? '').split(',').map(Number);
const ids = readFileSync(v.ids!, 'utf8').split('\n').filter(Boolean);
const [concurrency, sliceMs] = [Number(v.concurrency), Number(v['slice-ms'])];

type ClaimFn = (req: ClaimRequest, cb: (err: grpc.ServiceError | null) => void) => void;
const pd = grpc.loadPackageDefinition(loadProto(PROTO_FILES.loot)) as unknown as {
  hunt: { loot: { v1: { LootService: grpc.ServiceClientConstructor } } };
};
const targets = ports.map((port) => ({
  client: new pd.hunt.loot.v1.LootService(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as {
    Claim: ClaimFn;
    close(): void;
  },
  count: 0,
  errors: 0,
  ms: 0,
  hist: new Map() as MicrosHistogram,
  next: 0,
}));
await Promise.all(
  targets.map(
    (t) =>
      new Promise<void>((ok, fail) =>
        (t.client as unknown as grpc.Client).waitForReady(Date.now() + 5000, (e) => (e ? fail(e) : ok())),
      ),
  ),
);

let current = 0;
let recording = false;
let stopping = false;
let inFlight = 0;
let onDrained: () => void = () => {};
const base = { zone_id: v.zone!, lat: Number(v.lat), lng: Number(v.lng) };

function issue(): void {
  const target = targets[current]!;
  // The real service needs a fresh treasure per call; the baseline ignores the request.
  const i = target.next++ % ids.length;
  inFlight++;
  const t0 = performance.now();
  target.client.Claim({ ...base, treasure_id: ids[i]!, player_id: `bench-${process.pid}-${current}-${i}` }, (err) => {
    inFlight--;
    if (recording) {
      if (err) target.errors++;
      else histogramAdd(target.hist, Math.round((performance.now() - t0) * 1000));
      target.count++;
    }
    if (!stopping) issue();
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
for (let w = 0; w < concurrency; w++) issue();
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
  recording = false;
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
  for (const t of targets) t.client.close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  break;
}
