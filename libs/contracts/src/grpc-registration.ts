import type { ServerInterceptor, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';

/**
 * What a library hands to a service's gRPC server: the loaded proto (also fed to server
 * reflection), the fully qualified service name in it and the handlers.
 */
export interface GrpcServiceRegistration {
  readonly packageDefinition: PackageDefinition;
  readonly serviceName: string;
  readonly implementation: UntypedServiceImplementation;
  /**
   * Server interceptors run on this service's calls only (the server's other services, such as
   * config.v1, health and reflection, never see them), before the handler; e.g. an auth guard.
   */
  readonly interceptors?: readonly ServerInterceptor[];
}
