/**
 * The two servers the config gRPC benchmark compares, started alike in the calling process on
 * 127.0.0.1 with an OS-assigned port:
 *  - library:  what every service runs (createServiceCore + startGrpcServer: config.v1 + health
 *              + reflection, the real lookup of the key);
 *  - baseline: a bare grpc-js Server with the same proto and a Get answering a constant
 *              response of the same bytes, i.e. the transport's own cost.
 */
import * as grpc from '@grpc/grpc-js';
import { loadProto, PROTO_FILES, type ConfigGetResponse } from '@hunt/contracts';
import { createServiceCore, startGrpcServer } from '@hunt/service-kit';
import type { LoadedConfig } from '@hunt/static-config';

export interface BenchServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startLibraryServer(configFile: string): Promise<BenchServer> {
  const core = createServiceCore({ service: 'bench-config', configFile });
  const server = await startGrpcServer({ host: '127.0.0.1', port: 0, services: [core.configService] });
  server.setServing(true);
  return { port: server.port, close: () => server.close(500) };
}

/** `response` should be what the library answers for the benchmark key (same wire size). */
export async function startBaselineServer(response: ConfigGetResponse): Promise<BenchServer> {
  const pd = grpc.loadPackageDefinition(loadProto(PROTO_FILES.config)) as unknown as {
    config: { v1: { ConfigService: grpc.ServiceClientConstructor } };
  };
  const server = new grpc.Server();
  server.addService(pd.config.v1.ConfigService.service, {
    Get: (_call: grpc.ServerUnaryCall<unknown, ConfigGetResponse>, cb: grpc.sendUnaryData<ConfigGetResponse>) =>
      cb(null, response),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), 500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

/** The library's answer for `key` (key must name a scalar leaf of the config). */
export function expectedResponse(loaded: LoadedConfig, key: string): ConfigGetResponse {
  let node: unknown = loaded.config;
  for (const segment of key.split('.')) node = (node as Record<string, unknown>)[segment];
  return { key, value_json: JSON.stringify(node), version: loaded.version, sha256: loaded.sha256 };
}
