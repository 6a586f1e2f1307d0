import type { EventBus } from '@hunt/event-bus';
import { startHuntApi, type NearbyIndex } from '@hunt/hunt';
import { startAwardRelay, startLootService } from '@hunt/loot';
import {
  createServiceCore,
  SERVICE_LIST,
  SERVICE_PORTS,
  startStandardService,
  type Closer,
  type Logger,
  type ServiceCore,
  type ServiceName,
} from '@hunt/service-kit';
import { startSpawnerService } from '@hunt/spawning';
import { hostname } from 'node:os';
import { createAdapterFactory, type Infra } from './adapters';

export interface EngineOptions {
  readonly configFile: string;
  readonly infra: Infra;
  readonly host: string;
  readonly jwtSecret: string;
  readonly logger: (service: ServiceName) => Logger;
  /** Ports per service; default SERVICE_PORTS (0 asks the OS, for tests). */
  readonly ports?: Partial<Record<ServiceName, { httpPort: number; grpcPort: number }>>;
}

export interface RunningEngine {
  /** Each service's own config, metrics registry and staleness, and its bound ports. */
  readonly services: readonly { name: ServiceName; core: ServiceCore; httpPort: number; grpcPort: number }[];
  readonly bus: EventBus;
  /** The hunt API's nearby index (live treasures), for the summary. */
  readonly nearby: NearbyIndex;
  /** Everything opened, in opening order; close in reverse. */
  readonly closers: readonly Closer[];
}

/**
 * The whole engine in one process: loot-service, spawner and hunt API, each with its own config
 * core (config, metrics registry, staleness, config.v1 gRPC) and its own ports, over embedded
 * or real adapters. Started in dependency order (loot, so spawns are consumed; the spawner;
 * then the API, whose claims go to loot over gRPC). On a failure whatever was opened is closed.
 */
export async function startEngine(opts: EngineOptions): Promise<RunningEngine> {
  const cores = SERVICE_LIST.map((s) => createServiceCore({ service: s.name, configFile: opts.configFile }));
  const [apiCore, lootCore, spawnerCore] = cores as [ServiceCore, ServiceCore, ServiceCore];
  const adapters = createAdapterFactory(opts.infra, cores, opts.logger('loot-service'));
  const closers: Closer[] = [];
  const services: { name: ServiceName; core: ServiceCore; httpPort: number; grpcPort: number }[] = [];
  const port = (name: ServiceName) => opts.ports?.[name] ?? SERVICE_PORTS[name];
  /** Opens a service's HTTP and gRPC ports (startStandardService) and records what it bound. */
  const listen = async (
    name: ServiceName,
    core: ServiceCore,
    logger: Logger,
    own: Pick<Parameters<typeof startStandardService>[0], 'grpcServices' | 'readiness' | 'http'>,
  ) => {
    const running = await startStandardService({
      core,
      logger,
      host: opts.host,
      ...port(name),
      ...own,
    });
    closers.push(...running.closers);
    services.push({ name, core, httpPort: running.httpPort, grpcPort: running.grpc.port });
  };

  try {
    const lootLog = opts.logger('loot-service');
    const lootBus = await adapters.bus(lootCore, 'loot-service');
    closers.push(...lootBus.closers);
    const { store, closer } = await adapters.lootStore(lootCore);
    closers.push(closer);
    const loot = await startLootService({
      loaded: lootCore.loaded,
      store,
      bus: lootBus.bus,
      registry: lootCore.registry,
      logger: lootLog,
    });
    closers.push(...loot.closers);
    const relay = startAwardRelay({
      outbox: store.outbox,
      bus: lootBus.bus,
      registry: lootCore.registry,
      logger: lootLog,
    });
    closers.push({ name: 'award-relay', close: () => relay.stop() });
    await listen('loot-service', lootCore, lootLog, {
      grpcServices: [loot.grpc],
      readiness: [
        { name: 'store', check: () => store.healthy() },
        { name: 'event-bus', check: () => lootBus.bus.healthy() },
      ],
    });

    const spawnLog = opts.logger('spawner');
    const spawnBus = await adapters.bus(spawnerCore, 'spawner');
    closers.push(...spawnBus.closers);
    const coordination = await adapters.coordination();
    closers.push(...coordination.closers);
    const spawner = await startSpawnerService({
      core: spawnerCore,
      bus: spawnBus.bus,
      leases: coordination.coordination,
      ramps: coordination.coordination,
      replicaId: `engine-${hostname()}-${process.pid}`,
      logger: spawnLog,
    });
    closers.push(spawner.closer);
    await listen('spawner', spawnerCore, spawnLog, {
      readiness: [{ name: 'event-bus', check: () => spawnBus.bus.healthy() }],
    });

    const apiLog = opts.logger('hunt-api');
    const apiBus = await adapters.bus(apiCore, 'hunt-api');
    closers.push(...apiBus.closers);
    const apiRedis = await adapters.apiRedis();
    closers.push(...apiRedis.closers);
    const lootGrpc = services.find((s) => s.name === 'loot-service')!.grpcPort;
    const api = await startHuntApi({
      core: apiCore,
      bus: apiBus.bus,
      lootAddress: `127.0.0.1:${lootGrpc}`,
      jwtSecret: opts.jwtSecret,
      redis: apiRedis.redis,
      logger: apiLog,
    });
    closers.push(...api.closers);
    await listen('hunt-api', apiCore, apiLog, {
      http: api.http,
    });
    return { services, bus: apiBus.bus, nearby: api.index, closers };
  } catch (error) {
    for (const c of [...closers].reverse()) await c.close().catch(() => {});
    throw error;
  }
}
