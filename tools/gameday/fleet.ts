import type { ServiceName } from '@hunt/service-kit';
import { startServiceProcess, type AppProcess } from '@hunt/service-kit/testing';
import type { ScrapeTarget } from '@hunt/test-infra';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** A replica position of a service: the old and the new version of a rolling deploy. */
export type Slot = 'a' | 'b';
export const SLOTS: readonly Slot[] = ['a', 'b'];
const SERVICES: readonly ServiceName[] = ['hunt-api', 'loot-service', 'spawner'];

export interface FleetOptions {
  readonly redisUrl: string;
  readonly kafkaBrokers: readonly string[];
  /** REDIS_KEY_PREFIX and KAFKA_TOPIC_PREFIX of every process: this replay's own keys and topics. */
  readonly keyPrefix: string;
  readonly secrets: { readonly jwt: string; readonly lootRoll: string; readonly lootServiceToken: string };
  /** The spawner runs tools/gameday/unguarded-spawner.ts (from source): no fleet cap, no ramp. */
  readonly unguarded: boolean;
  /** Run the apps' main.ts under tsx instead of the bundles in dist/apps (`npm run build`). */
  readonly fromSource?: boolean;
}

/** The replay's processes: two slots of each service, each slot on ports fixed for the whole run. */
export interface Fleet {
  /** Every slot's metrics endpoint, labelled `hunt_service`, `slot`, `pod` and `namespace`, live or not. */
  targets(): ScrapeTarget[];
  /**
   * Starts `service` in `slot` on the slot's ports with `configFile`; resolves once it listens.
   * The hunt API of a slot calls the loot-service of the same slot.
   * @throws Error when the slot runs already, or with the process's output when it exits first
   */
  start(service: ServiceName, slot: Slot, configFile: string): Promise<AppProcess>;
  /** SIGTERM (SIGKILL after STOP_KILL_MS); resolves with its exit code (null: killed) and how long it took. */
  stop(service: ServiceName, slot: Slot): Promise<{ code: number | null; ms: number }>;
  /** The slots where `service` runs now. */
  live(service: ServiceName): Slot[];
  apiUrl(slot: Slot): string;
  /** Base URLs of the live hunt API slots. */
  apiUrls(): string[];
  metricsUrl(service: ServiceName, slot: Slot): string;
  /** The last lines of every process started so far, for a failure report. */
  outputs(linesEach?: number): string;
  /** Stops every live process; never rejects. */
  stopAll(): Promise<void>;
}

/** A service gets 5 s to shut down (service-kit); past this it is killed. */
const STOP_KILL_MS = 10_000;
const root = join(import.meta.dirname, '../..');
const HOST = '127.0.0.1';

/** Finds free loopback ports for every slot up front, so Prometheus can be told them all at once. */
export async function createFleet(opts: FleetOptions): Promise<Fleet> {
  const entries = new Map(SERVICES.map((s) => [s, entryOf(s, opts)]));
  const free = await reservePorts(SERVICES.length * SLOTS.length * 2);
  const ports = new Map(
    SERVICES.flatMap((s) => SLOTS.map((slot) => [key(s, slot), { http: free.pop()!, grpc: free.pop()! }] as const)),
  );
  const portsOf = (s: ServiceName, slot: Slot) => ports.get(key(s, slot))!;
  const running = new Map<string, AppProcess>();
  const started: { name: string; process: AppProcess }[] = [];

  const envOf = (service: ServiceName, slot: Slot, configFile: string): Record<string, string> => {
    const { jwt, lootRoll, lootServiceToken } = opts.secrets;
    const own: Record<ServiceName, Record<string, string>> = {
      'hunt-api': {
        JWT_SECRET: jwt,
        LOOT_GRPC_ADDRESS: `${HOST}:${portsOf('loot-service', slot).grpc}`,
        LOOT_SERVICE_TOKEN: lootServiceToken,
      },
      'loot-service': { LOOT_ROLL_SECRET: lootRoll, LOOT_SERVICE_TOKEN: lootServiceToken },
      spawner: { SPAWNER_REPLICA_ID: slot },
    };
    return {
      PATH: '/usr/bin:/bin',
      HOST,
      HTTP_PORT: String(portsOf(service, slot).http),
      GRPC_PORT: String(portsOf(service, slot).grpc),
      HUNT_CONFIG: configFile,
      REDIS_URL: opts.redisUrl,
      KAFKA_BROKERS: opts.kafkaBrokers.join(','),
      REDIS_KEY_PREFIX: opts.keyPrefix,
      KAFKA_TOPIC_PREFIX: opts.keyPrefix,
      ...own[service],
    };
  };
  const isLive = (p: AppProcess) => p.child.exitCode === null && p.child.signalCode === null;

  const fleet: Fleet = {
    targets: () =>
      SERVICES.flatMap((service) =>
        SLOTS.map((slot) => ({
          address: `${HOST}:${portsOf(service, slot).http}`,
          labels: { hunt_service: service, slot, pod: `${service}-${slot}`, namespace: opts.keyPrefix },
        })),
      ),
    async start(service, slot, configFile) {
      const name = key(service, slot);
      const current = running.get(name);
      if (current && isLive(current)) throw new Error(`${name} runs already`);
      const p = await startServiceProcess(process.execPath, entries.get(service)!, {
        env: envOf(service, slot, configFile),
        cwd: root,
      });
      running.set(name, p);
      started.push({ name, process: p });
      const want = portsOf(service, slot);
      if (p.httpPort !== want.http || p.grpcPort !== want.grpc) {
        await p.stop();
        throw new Error(`${name} listens on ${p.httpPort}/${p.grpcPort}, not its slot's ${want.http}/${want.grpc}`);
      }
      return p;
    },
    async stop(service, slot) {
      const p = running.get(key(service, slot));
      if (!p) throw new Error(`${key(service, slot)} was never started`);
      running.delete(key(service, slot));
      if (p.child.signalCode !== null) return { code: null, ms: 0 }; // died of a signal before
      const kill = setTimeout(() => p.child.kill('SIGKILL'), STOP_KILL_MS);
      try {
        return await p.stop();
      } finally {
        clearTimeout(kill);
      }
    },
    live: (service) =>
      SLOTS.filter((slot) => {
        const p = running.get(key(service, slot));
        return p !== undefined && isLive(p);
      }),
    apiUrl: (slot) => `http://${HOST}:${portsOf('hunt-api', slot).http}`,
    apiUrls: () => fleet.live('hunt-api').map((slot) => fleet.apiUrl(slot)),
    metricsUrl: (service, slot) => `http://${HOST}:${portsOf(service, slot).http}/metrics`,
    outputs: (linesEach = 80) =>
      started
        .map(({ name, process: p }) => {
          const state = isLive(p) ? 'running' : `exited ${p.child.exitCode ?? p.child.signalCode}`;
          const lines = p.output().trimEnd().split('\n').slice(-linesEach);
          return `--- ${name} (pid ${p.child.pid}, ${state}) ---\n${lines.join('\n')}`;
        })
        .join('\n'),
    async stopAll() {
      const names = [...running.keys()];
      await Promise.allSettled(
        names.map((name) => {
          const [service, slot] = name.split('/') as [ServiceName, Slot];
          return fleet.stop(service, slot);
        }),
      );
    },
  };
  return fleet;
}

const key = (service: ServiceName, slot: Slot) => `${service}/${slot}`;

/** node's arguments for a service; checks up front that a bundle is there. */
function entryOf(service: ServiceName, opts: FleetOptions): string[] {
  if (service === 'spawner' && opts.unguarded) {
    return ['--import', 'tsx', join(root, 'tools/gameday/unguarded-spawner.ts')];
  }
  if (opts.fromSource) return ['--import', 'tsx', join(root, 'apps', service, 'src/main.ts')];
  const bundle = join(root, 'dist/apps', service, 'main.js');
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`npm run build\` first (or run the apps from source)`);
  }
  return [bundle];
}

/**
 * `count` distinct loopback ports free now, below the kernel's ephemeral range: there no
 * outgoing connection (a player's, a Kafka client's) can take one while its slot is down
 * between a rollout and a rollback. Random start, so two runs rarely probe the same ports.
 * Where that range leaves no room, the OS picks (port 0).
 */
async function reservePorts(count: number): Promise<number[]> {
  const floor = 20_000;
  const low = ephemeralLow();
  const held: Server[] = [];
  try {
    if (low - floor < 1000) {
      for (let i = 0; i < count; i++) held.push((await listen(0))!);
    } else {
      const start = floor + Math.floor(Math.random() * (low - floor));
      for (let i = 0; held.length < count && i < low - floor; i++) {
        const s = await listen(floor + ((start - floor + i) % (low - floor)));
        if (s) held.push(s);
      }
      if (held.length < count) throw new Error(`no ${count} free loopback ports in ${floor}..${low - 1}`);
    }
    return held.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768; // Linux's default; elsewhere a guess
  }
}

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(undefined));
    s.listen({ port, host: HOST, exclusive: true }, () => resolve(s));
  });
}
