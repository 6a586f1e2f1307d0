import type { GrpcServiceRegistration } from '@hunt/contracts';
import type { FastifyInstance } from 'fastify';
import type { OpsRoutesOptions, ReadinessCheck } from './ops-routes';
import type { ServiceContext } from './service-context';

/**
 * What a service is, as its feature lib composes it (lootService, spawnerService, huntService):
 * what it serves and how it is judged ready. What it opened is registered on its context. The
 * apps (serveFromEnv) and the embedded engine run the same part; only the infra differs.
 */
export interface ServicePart {
  /** Served on the gRPC port beside config.v1, health and reflection. */
  readonly grpcServices?: readonly GrpcServiceRegistration[];
  /** Behind /readyz (503 naming the failing ones) and gRPC health. */
  readonly readiness: readonly ReadinessCheck[];
  /**
   * The player-facing HTTP app, built over the service's ops routes and readiness (it must
   * register `opsRoutes(ops)`); default: the ops-only app.
   */
  readonly http?: (ops: OpsRoutesOptions) => Promise<FastifyInstance>;
}

/** A feature lib's composition of its service, with the settings only it needs. */
export type Composition<Settings, Part extends ServicePart = ServicePart> = (
  ctx: ServiceContext,
  settings: Settings,
) => Promise<Part>;
