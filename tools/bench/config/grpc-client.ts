/**
 * Closed-loop load generator for config.v1.ConfigService/Get, run as a CHILD process so the
 * client's CPU is not the servers': `node --import tsx tools/bench/config/grpc-client.ts
 *   --ports P1[,P2...] [--key K] [--concurrency C] [--channels N] [--warmup-ms W]
 *   [--seconds S] [--slice-ms M]`.
 *
 * Interleaving and the protocol with the parent: tools/bench/lib/interleaved-client.ts.
 * Worker w uses channel w % N. With N > 1 every channel gets its own subchannel (TCP connection)
 * via grpc.use_local_subchannel_pool.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, type ConfigGetRequest, type ConfigGetResponse } from '@hunt/contracts';
import { parseArgs } from 'node:util';
import { runInterleavedClient } from '../lib/interleaved-client';

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
type Client = { Get: GetFn; close(): void };
const clientsByPort = ports.map((port) =>
  Array.from(
    { length: channels },
    () =>
      new pd.config.v1.ConfigService(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': channels > 1 ? 1 : 0,
      }) as unknown as Client,
  ),
);
await Promise.all(
  clientsByPort.flatMap((clients) =>
    clients.map(
      (c) =>
        new Promise<void>((ok, fail) =>
          (c as unknown as grpc.Client).waitForReady(Date.now() + 5000, (e) => (e ? fail(e) : ok())),
        ),
    ),
  ),
);

const request: ConfigGetRequest = { key: v.key };
await runInterleavedClient(
  clientsByPort.map((clients) => ({
    send: (worker, done) => clients[worker % channels]!.Get(request, done),
    close: () => clients.forEach((c) => c.close()),
  })),
  { concurrency, warmupMs: Number(v['warmup-ms']), seconds: Number(v.seconds), sliceMs },
);
