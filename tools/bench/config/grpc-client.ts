/**
 * Closed-loop load generator for config.v1.ConfigService/Get, run as a CHILD process so the
 * client's CPU is not the server's: `node --import tsx tools/bench/config/grpc-client.ts
 *   --port P [--key K] [--concurrency C] [--channels N] [--warmup-ms W] [--seconds S]`.
 *
 * Protocol with the parent (stdout = JSON lines, stdin = commands):
 *   1. connects, runs load for --warmup-ms (not recorded), prints {"phase":"ready"};
 *   2. on a "go" line on stdin, records for --seconds, drains in-flight calls and prints
 *      {"phase":"result", count, errors, seconds, cpu_ms, hist: [[micros, count], ...]}; exits.
 * Each of the C workers keeps exactly one call in flight; worker w uses channel w % N. With
 * N > 1 every channel gets its own subchannel (TCP connection) via grpc.use_local_subchannel_pool.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, type ConfigGetRequest, type ConfigGetResponse } from '@hunt/contracts';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { histogramAdd, type MicrosHistogram } from '../lib/stats';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    key: { type: 'string', default: 'spawn.treasure_ttl_s' },
    concurrency: { type: 'string', default: '1' },
    channels: { type: 'string', default: '1' },
    'warmup-ms': { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
  },
});
const port = Number(values.port);
const concurrency = Number(values.concurrency);
const channels = Number(values.channels);
if (!Number.isInteger(port) || port <= 0 || concurrency < 1 || channels < 1) {
  throw new Error(`grpc-client: bad arguments ${JSON.stringify(values)}`);
}

type GetFn = (req: ConfigGetRequest, cb: (err: grpc.ServiceError | null, res?: ConfigGetResponse) => void) => void;
const pd = grpc.loadPackageDefinition(loadProto(PROTO_FILES.config)) as unknown as {
  config: { v1: { ConfigService: grpc.ServiceClientConstructor } };
};
const clients = Array.from(
  { length: channels },
  () =>
    new pd.config.v1.ConfigService(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': channels > 1 ? 1 : 0,
    }),
);
await Promise.all(
  clients.map((c) => new Promise<void>((ok, fail) => c.waitForReady(Date.now() + 5000, (e) => (e ? fail(e) : ok())))),
);

const request: ConfigGetRequest = { key: values.key };
let recording = false;
let stopping = false;
let inFlight = 0;
let count = 0;
let errors = 0;
let hist: MicrosHistogram = new Map();
let onDrained: () => void = () => {};

function issue(client: grpc.Client): void {
  inFlight++;
  const t0 = performance.now();
  (client as unknown as { Get: GetFn }).Get(request, (err) => {
    inFlight--;
    if (recording) {
      if (err) errors++;
      else histogramAdd(hist, Math.round((performance.now() - t0) * 1000));
      count++;
    }
    if (!stopping) issue(client);
    else if (inFlight === 0) onDrained();
  });
}

for (let w = 0; w < concurrency; w++) issue(clients[w % channels]!);
await new Promise((r) => setTimeout(r, Number(values['warmup-ms'])));
process.stdout.write(`${JSON.stringify({ phase: 'ready' })}\n`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  hist = new Map();
  count = errors = 0;
  recording = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, Number(values.seconds) * 1000));
  recording = false; // calls completing after this instant are not counted
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  stopping = true;
  await new Promise<void>((r) => (inFlight === 0 ? r() : (onDrained = r)));
  const result = { phase: 'result', count, errors, seconds, cpu_ms: (cpu.user + cpu.system) / 1000, hist: [...hist] };
  for (const c of clients) c.close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  break;
}
