import type { Closer } from './lifecycle';
import { buildOpsApp } from './ops-app';
import { startGrpcServer } from './grpc-server';
import type { ServiceContext } from './service-context';
import type { ServicePart } from './service-part';

export interface RunningService {
  readonly httpPort: number;
  readonly grpcPort: number;
  /** The composition's closers, then the ports', in opening order; close in reverse. */
  readonly closers: readonly Closer[];
}

/**
 * Opens a service's two ports for its part: gRPC (config.v1, health, reflection and the part's
 * services) and HTTP (the part's app, or the ops-only app), both with the part's readiness.
 * Marks gRPC health SERVING once both listen. On a failure the ports opened are closed before
 * the error propagates (the caller closes the composition's closers).
 */
export async function startService(
  ctx: ServiceContext & { readonly closers: readonly Closer[] },
  part: ServicePart,
  at: { host: string; httpPort: number; grpcPort: number },
): Promise<RunningService> {
  const { core } = ctx;
  const grpc = await startGrpcServer({
    host: at.host,
    port: at.grpcPort,
    services: [core.configService, ...(part.grpcServices ?? [])],
  });
  try {
    const ops = { registry: core.registry, readiness: part.readiness };
    const http = part.http ? await part.http(ops) : await buildOpsApp({ ...ops, configVersion: core.loaded.version });
    await http.listen({ host: at.host, port: at.httpPort });
    const address = http.server.address();
    const httpPort = typeof address === 'object' && address ? address.port : at.httpPort;
    grpc.setServing(true);
    ctx.logger.info(
      { grpcPort: grpc.port, httpPort, configVersion: core.loaded.version, sha256: core.loaded.sha256 },
      'listening',
    );
    const ports: Closer[] = [
      { name: 'grpc', close: () => grpc.close() },
      { name: 'http', close: () => http.close() },
    ];
    return { httpPort, grpcPort: grpc.port, closers: [...ctx.closers, ...ports] };
  } catch (error) {
    await grpc.close(0);
    throw error;
  }
}

/** Closes `closers` in reverse order, each failure logged and skipped (start-up failures). */
export async function closeAll(closers: readonly Closer[], onError: (error: unknown, name: string) => void) {
  for (const c of [...closers].reverse()) await c.close().catch((error: unknown) => onError(error, c.name));
}
