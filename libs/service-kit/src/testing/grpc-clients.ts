import { credentials, loadPackageDefinition, type Client, type ServiceError } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { loadProto, PROTO_FILES, PROTO_LOADER_OPTIONS, type ConfigGetResponse } from '@hunt/contracts';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Unary<Req, Res> = (req: Req, cb: (err: ServiceError | null, res?: Res) => void) => void;
type Ctor = new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => Client;

function clientCtor(pd: protoLoader.PackageDefinition, path: string): Ctor {
  let node: unknown = loadPackageDefinition(pd);
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as Ctor;
}

function call<Req, Res>(client: Client, method: string, req: Req): Promise<Res> {
  const fn = (client as unknown as Record<string, Unary<Req, Res>>)[method]!.bind(client);
  return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res!))));
}

/** Test clients for the three services every app serves on its gRPC port. */
export function createOpsGrpcClients(address: string) {
  const insecure = credentials.createInsecure();
  const require = createRequire(import.meta.url);
  const healthProto = require.resolve('grpc-health-check/proto/health/v1/health.proto');
  const reflectionRoot = join(dirname(require.resolve('@grpc/reflection')), '../proto');
  const opts = { ...PROTO_LOADER_OPTIONS, includeDirs: [reflectionRoot] };

  const config = new (clientCtor(loadProto(PROTO_FILES.config), 'config.v1.ConfigService'))(address, insecure);
  const health = new (clientCtor(protoLoader.loadSync(healthProto, PROTO_LOADER_OPTIONS), 'grpc.health.v1.Health'))(
    address,
    insecure,
  );
  const reflection = new (clientCtor(
    protoLoader.loadSync('grpc/reflection/v1/reflection.proto', opts),
    'grpc.reflection.v1.ServerReflection',
  ))(address, insecure);

  return {
    getConfig: (key: string) => call<{ key: string }, ConfigGetResponse>(config, 'Get', { key }),
    healthCheck: (service = '') => call<{ service: string }, { status: string }>(health, 'Check', { service }),
    /** Lists services through server reflection (the call grpcurl makes first). */
    listServices: () =>
      new Promise<string[]>((resolve, reject) => {
        const stream = (
          reflection as unknown as { ServerReflectionInfo(): NodeJS.ReadWriteStream }
        ).ServerReflectionInfo();
        stream.on('data', (res: { list_services_response?: { service: { name: string }[] } }) => {
          resolve(res.list_services_response?.service.map((s) => s.name) ?? []);
          stream.end();
        });
        stream.on('error', reject);
        stream.write({ list_services: '' } as never);
      }),
    close() {
      for (const c of [config, health, reflection]) c.close();
    },
  };
}
