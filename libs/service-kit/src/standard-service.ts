import type { GrpcServiceRegistration } from '@hunt/contracts';
import type { FastifyInstance } from 'fastify';
import type { Closer } from './lifecycle';
import type { Logger } from './logger';
import { buildOpsApp } from './ops-app';
import type { ReadinessCheck } from './ops-routes';
import { startGrpcServer, type RunningGrpcServer } from './grpc-server';
import type { ServiceCore } from './service-core';

export interface StandardService {
  readonly grpc: RunningGrpcServer;
  readonly http: FastifyInstance;
  readonly httpPort: number;
  /** In opening order; installShutdown closes them in reverse. */
  readonly closers: readonly Closer[];
}

/**
 * Opens a service's two ports: gRPC (config.v1, health, reflection and the service's own
 * services) and HTTP (the given app, or the ops-only app). Marks gRPC health SERVING once both
 * listen. On a listen failure whatever was opened is closed before the error propagates.
 */
export async function startStandardService(opts: {
  core: ServiceCore;
  logger: Logger;
  host: string;
  grpcPort: number;
  httpPort: number;
  grpcServices?: readonly GrpcServiceRegistration[];
  readiness?: readonly ReadinessCheck[];
  /** A player-facing app that already carries the ops routes; default: the ops-only app. */
  http?: FastifyInstance;
}): Promise<StandardService> {
  const { core } = opts;
  const grpc = await startGrpcServer({
    host: opts.host,
    port: opts.grpcPort,
    services: [core.configService, ...(opts.grpcServices ?? [])],
  });
  const closers: Closer[] = [{ name: 'grpc', close: () => grpc.close() }];
  try {
    const http =
      opts.http ??
      (await buildOpsApp({
        registry: core.registry,
        readiness: opts.readiness ?? [],
        configVersion: core.loaded.version,
      }));
    await http.listen({ host: opts.host, port: opts.httpPort });
    closers.push({ name: 'http', close: () => http.close() });
    const address = http.server.address();
    const httpPort = typeof address === 'object' && address ? address.port : opts.httpPort;
    grpc.setServing(true);
    opts.logger.info(
      { grpcPort: grpc.port, httpPort, configVersion: core.loaded.version, sha256: core.loaded.sha256 },
      'listening',
    );
    return { grpc, http, httpPort, closers };
  } catch (error) {
    await grpc.close(0);
    throw error;
  }
}
