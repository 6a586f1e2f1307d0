import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, type ClaimResponse } from '@hunt/contracts';

/** A bare grpc-js server with the loot proto whose Claim answers a constant: the transport's own cost. */
export async function startClaimBaseline(response: ClaimResponse): Promise<{ port: number; close(): void }> {
  const pd = grpc.loadPackageDefinition(loadProto(PROTO_FILES.loot)) as unknown as {
    hunt: { loot: { v1: { LootService: grpc.ServiceClientConstructor } } };
  };
  const server = new grpc.Server();
  server.addService(pd.hunt.loot.v1.LootService.service, {
    Claim: (_call: unknown, cb: grpc.sendUnaryData<ClaimResponse>) => cb(null, response),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, close: () => server.forceShutdown() };
}
