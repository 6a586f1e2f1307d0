/**
 * Closed-loop Claim load generator, run as a CHILD process so its CPU is not the servers':
 *   node --import tsx tools/bench/claims/claims-client.ts --ports BASELINE,REAL[,REAL...]
 *     --ids FILE,FILE[,FILE...] --zone Z [--concurrency C] [--warmup-ms W] [--seconds S] [--slice-ms M]
 *
 * Interleaving and the protocol with the parent: tools/bench/lib/interleaved-client.ts. Each
 * target has its own --ids file (lines `id lat lng`: the treasures its store holds; the
 * baseline's is ignored); every call claims the next unused treasure there as a new player,
 * standing on it, so every call to a real service is a winning claim.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, serviceTokenInterceptor, type ClaimRequest } from '@hunt/contracts';
import { TEST_SERVICE_TOKEN } from '@hunt/loot/testing';
import { shardAt } from '@hunt/world';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runInterleavedClient } from '../lib/interleaved-client';

const { values: v } = parseArgs({
  options: {
    ports: { type: 'string' },
    ids: { type: 'string' },
    zone: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    'warmup-ms': { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    'slice-ms': { type: 'string', default: '100' },
  },
});
const ports = (v.ports ?? '').split(',').map(Number);
const idFiles = (v.ids ?? '').split(',');
const treasuresOf = (t: number) =>
  readFileSync(idFiles[Math.min(t, idFiles.length - 1)]!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, lat, lng] = line.split(' ');
      return { treasure_id: id!, lat: Number(lat), lng: Number(lng), shard_id: shardAt(Number(lat), Number(lng)) };
    });
const [concurrency, sliceMs] = [Number(v.concurrency), Number(v['slice-ms'])];

type ClaimFn = (req: ClaimRequest, cb: (err: grpc.ServiceError | null) => void) => void;
const pd = grpc.loadPackageDefinition(loadProto(PROTO_FILES.loot)) as unknown as {
  hunt: { loot: { v1: { LootService: grpc.ServiceClientConstructor } } };
};
const targets = ports.map((port, t) => {
  // Both sides pay for the service token (the harness requires it, the baseline ignores it).
  const client = new pd.hunt.loot.v1.LootService(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    interceptors: [serviceTokenInterceptor(TEST_SERVICE_TOKEN)],
  }) as unknown as {
    Claim: ClaimFn;
    close(): void;
  };
  const treasures = treasuresOf(t);
  let next = 0;
  return {
    client,
    // The real service needs a fresh treasure per call; the baseline ignores the request.
    send: (_worker: number, done: (err: unknown) => void) => {
      const i = next++ % treasures.length;
      client.Claim({ zone_id: v.zone!, ...treasures[i]!, player_id: `bench-${process.pid}-${t}-${i}` }, done);
    },
    close: () => client.close(),
  };
});
await Promise.all(
  targets.map(
    (t) =>
      new Promise<void>((ok, fail) =>
        (t.client as unknown as grpc.Client).waitForReady(Date.now() + 5000, (e) => (e ? fail(e) : ok())),
      ),
  ),
);
await runInterleavedClient(targets, {
  concurrency,
  warmupMs: Number(v['warmup-ms']),
  seconds: Number(v.seconds),
  sliceMs,
});
