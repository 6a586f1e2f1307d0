import {
  Server,
  ServerCredentials,
  ServerInterceptingCall,
  type ServerInterceptor,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import type { GrpcServiceRegistration } from '@hunt/contracts';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';

export interface RunningGrpcServer {
  /** The bound port (useful when 0 was asked for). */
  readonly port: number;
  /** Sets the overall grpc.health.v1 status ('' service) and each registered service's. */
  setServing(serving: boolean): void;
  /** Graceful shutdown; in-flight calls are cancelled once `graceMs` has passed. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Serves the given services plus the standard health service (grpc.health.v1) and server
 * reflection (v1 and v1alpha) on host:port, each service behind its own interceptors. Starts
 * NOT_SERVING; call setServing(true) once the service is ready.
 */
export async function startGrpcServer(opts: {
  host: string;
  port: number;
  services: readonly GrpcServiceRegistration[];
}): Promise<RunningGrpcServer> {
  const server = new Server({
    'grpc.max_receive_message_length': 1024 * 1024,
    interceptors: opts.services.flatMap((s) => (s.interceptors ?? []).map((i) => onlyFor(s.serviceName, i))),
  });
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  for (const s of opts.services) {
    server.addService(s.packageDefinition[s.serviceName] as ServiceDefinition, s.implementation);
    health.setStatus(s.serviceName, 'NOT_SERVING');
  }
  // Reflection describes what the package definitions contain: include health so that
  // grpcurl and friends see every service this port answers.
  const merged = Object.assign(
    {},
    loadSync(healthProtoPath),
    ...opts.services.map((s) => s.packageDefinition),
  ) as PackageDefinition;
  new ReflectionService(merged).addToServer(server);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${opts.host}:${opts.port}`, ServerCredentials.createInsecure(), (err, bound) =>
      err
        ? reject(new Error(`gRPC server cannot listen on ${opts.host}:${opts.port}`, { cause: err }))
        : resolve(bound),
    ),
  );

  return {
    port,
    setServing(serving) {
      const status = serving ? 'SERVING' : 'NOT_SERVING';
      health.setStatus('', status);
      for (const s of opts.services) health.setStatus(s.serviceName, status);
    },
    close(graceMs = 2000) {
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

/** Runs `interceptor` on the calls of `serviceName`; every other call passes through untouched. */
function onlyFor(serviceName: string, interceptor: ServerInterceptor): ServerInterceptor {
  const prefix = `/${serviceName}/`;
  return (method, call) =>
    method.path.startsWith(prefix) ? interceptor(method, call) : new ServerInterceptingCall(call);
}
