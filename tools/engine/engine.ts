import { createInMemoryEventBus, type EventBus } from '@hunt/event-bus';
import { huntService, type NearbyIndex } from '@hunt/hunt';
import { lootService } from '@hunt/loot';
import {
  closeAll,
  createOutageLog,
  createServiceContext,
  createServiceCore,
  SERVICE_LIST,
  SERVICE_PORTS,
  startService,
  type Closer,
  type Infra,
  type Logger,
  type RealInfra,
  type ServiceContext,
  type ServiceCore,
  type ServiceName,
  type ServicePart,
} from '@hunt/service-kit';
import { spawnerService } from '@hunt/spawning';
import { hostname } from 'node:os';

/** Where the engine keeps its state: in this process, or on the real servers (as the apps do). */
export type EngineInfra = { readonly kind: 'embedded' } | RealInfra;

export interface EngineOptions {
  readonly configFile: string;
  readonly infra: EngineInfra;
  readonly host: string;
  readonly jwtSecret: string;
  /** Keys the loot roll (the loot-service's LOOT_ROLL_SECRET). */
  readonly rollSecret: string;
  /** The token the hunt API sends with each loot call and the loot-service requires (LOOT_SERVICE_TOKEN). */
  readonly serviceToken: string;
  readonly logger: (service: ServiceName) => Logger;
  /** Ports per service; default SERVICE_PORTS (0 asks the OS, for tests). */
  readonly ports?: Partial<Record<ServiceName, { httpPort: number; grpcPort: number }>>;
}

export interface RunningEngine {
  /** Each service's own config, metrics registry and staleness, and its bound ports. */
  readonly services: readonly { name: ServiceName; core: ServiceCore; httpPort: number; grpcPort: number }[];
  /** An event bus of the engine's own (the shared one when embedded), for the summary. */
  readonly bus: EventBus;
  /** The hunt API's nearby index (live treasures), for the summary. */
  readonly nearby: NearbyIndex;
  /** Everything opened, in opening order; close in reverse. */
  readonly closers: readonly Closer[];
}

/**
 * The whole engine in one process: the same three compositions the apps run (lootService,
 * spawnerService, huntService), each with its own config core and ports, over one in-memory
 * event bus shared by all three (embedded) or the real servers. Started in dependency order
 * (loot, so spawns are consumed; the spawner; then the API, whose claims go to loot over gRPC).
 * On a failure whatever was opened is closed.
 */
export async function startEngine(opts: EngineOptions): Promise<RunningEngine> {
  const cores = new Map(
    SERVICE_LIST.map((s) => [s.name, createServiceCore({ service: s.name, configFile: opts.configFile })]),
  );
  const closers: Closer[] = [];
  const infra = embeddedOrReal(opts, [...cores.values()], closers);
  const services: RunningEngine['services'][number][] = [];

  async function run<P extends ServicePart>(
    name: ServiceName,
    compose: (ctx: ServiceContext) => Promise<P>,
  ): Promise<P> {
    const core = cores.get(name)!;
    const ctx = createServiceContext({ service: name, core, logger: opts.logger(name), infra });
    try {
      const part = await compose(ctx);
      const running = await startService(ctx, part, {
        host: opts.host,
        ...(opts.ports?.[name] ?? SERVICE_PORTS[name]),
      });
      closers.push(...running.closers);
      services.push({ name, core, httpPort: running.httpPort, grpcPort: running.grpcPort });
      return part;
    } catch (error) {
      await closeAll(ctx.closers, () => {});
      throw error;
    }
  }

  try {
    await run('loot-service', (ctx) =>
      lootService(ctx, { rollSecret: opts.rollSecret, serviceToken: opts.serviceToken }),
    );
    await run('spawner', (ctx) => spawnerService(ctx, { replicaId: `engine-${hostname()}-${process.pid}` }));
    const lootGrpc = services.find((s) => s.name === 'loot-service')!.grpcPort;
    const hunt = await run('hunt-api', (ctx) =>
      huntService(ctx, {
        jwtSecret: opts.jwtSecret,
        lootAddress: `127.0.0.1:${lootGrpc}`,
        lootServiceToken: opts.serviceToken,
      }),
    );
    const own = createServiceContext({
      service: 'engine',
      core: cores.get('hunt-api')!,
      logger: opts.logger('hunt-api'),
      infra,
    });
    const bus = await own.eventBus();
    closers.push(...own.closers);
    return { services, bus, nearby: hunt.index, closers };
  } catch (error) {
    await closeAll(closers, () => {});
    throw error;
  }
}

/** Embedded: ONE in-memory bus for all (closed last); every service hears every version stamp. */
function embeddedOrReal(opts: EngineOptions, cores: readonly ServiceCore[], closers: Closer[]): Infra {
  if (opts.infra.kind === 'real') return opts.infra;
  const outages = createOutageLog(opts.logger('loot-service'));
  const bus = createInMemoryEventBus({
    configVersion: cores[0]!.loaded.version,
    observeVersion: (v) => cores.forEach((c) => c.staleness.observeVersion(v)),
    onTransientError: (err) => outages.report('embedded-bus', err, 'embedded bus: handler failed; redelivering'),
  });
  closers.push({ name: 'embedded-bus', close: () => bus.close() });
  return { kind: 'embedded', bus };
}
