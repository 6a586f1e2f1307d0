/**
 * `npm run -s bench -- api`
 *
 * Emits {"bench":"api-nearby","rps","p99_ms","bare_fastify_rps","ratio",...} and
 * {"bench":"api-claim-visibility","p50_ms","p99_ms",...} and {"bench":"api-claim","rps","p99_ms",...}. The hunt API (libs/hunt huntService) on real Kafka
 * and Redis (rate-limit sync) in this process; the loot-service (lootService) in a child
 * process, as production runs them apart (loot-process.ts); both scoped by this run's prefix
 * (keys and topics, removed afterwards); autocannon in another child process
 * (load-client.ts) at 50 connections. Nearby: GET /v1/treasures at random points of old-town
 * (default radius) over the config's steady-state number of treasures (rate x ttl), 50 players;
 * a bare Fastify hello-world in this process is measured in the same run, interleaved
 * (bare, api, bare, api; means reported). Claim: POST /v1/treasures/{id}/claim, every call a
 * win of a fresh treasure, through hunt -> gRPC -> Redis Lua. The bench config raises
 * rate_limits.reads_per_second so 50 connections are not throttled (the limiter still runs).
 * Env: BENCH_SECONDS = seconds per measured slice (default 5).
 */
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, ulid } from '@hunt/contracts';
import { uniqueName, waitFor } from '@hunt/event-bus/testing';
import { huntService, mintToken } from '@hunt/hunt';
import { createKafkaEventBus } from '@hunt/event-bus';
import { claimRulesFrom } from '@hunt/loot';
import { createRedisTreasureStore } from '@hunt/loot-store';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import {
  closeAll,
  createLogger,
  createServiceContext,
  createServiceCore,
  startService,
  type Infra,
} from '@hunt/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { writeTempConfig } from '@hunt/static-config/testing';
import { ensureInfra } from '@hunt/test-infra';
import Fastify from 'fastify';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from '../lib/bench-module';
import type { LoadSpec } from './load-client';
import { measureClaimVisibility } from './visibility';

const CONFIG_FILE = join(import.meta.dirname, '../../../config/hunt.toml');
const CLIENT = join(import.meta.dirname, 'load-client.ts');
const LOOT = join(import.meta.dirname, 'loot-process.ts');
const CONNECTIONS = 50;
/** Claims measured one by one for api-claim-visibility (kept under claims_per_minute). */
const VISIBILITY_SAMPLES = 25;
const SECRET = 'bench-secret-bench-secret-bench-secret';
const CLAIM_SPOT = { zone: 'harbour', lat: 53.545, lng: 9.975 };

interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-api-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load client exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}

interface LootInfo {
  port: number;
}

/** Starts loot-process.ts and resolves once it serves, with its gRPC port. */
async function startLootProcess(
  configFile: string,
  prefix: string,
  infra: { redisUrl: string; kafkaBrokers: string[] },
) {
  const child = spawn(process.execPath, ['--import', 'tsx', LOOT, configFile, prefix], {
    env: { ...process.env, REDIS_URL: infra.redisUrl, KAFKA_BROKERS: infra.kafkaBrokers.join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<LootInfo>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as LootInfo));
    child.once('exit', (code) => reject(new Error(`loot process exited with ${code} before serving`)));
  });
  return {
    info,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const micro = (deg: number) => Math.round(deg * 1e6) / 1e6;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function run(ctx: BenchContext): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] || 5);
  const infra = await ensureInfra({ log: (m) => ctx.log(m) });
  const configText = readFileSync(CONFIG_FILE, 'utf8').replace('reads_per_second = 20', 'reads_per_second = 10000');
  const configFile = writeTempConfig(configText);
  // This run's deployment scope: its own keys and topics on the shared servers.
  const prefix = uniqueName('bench-api');
  const scoped: Infra = {
    kind: 'real',
    redisUrl: infra.redisUrl,
    kafkaBrokers: infra.kafkaBrokers,
    redisKeyPrefix: prefix,
    kafkaTopicPrefix: prefix,
  };
  const loot = await startLootProcess(configFile, prefix, infra);
  const core = createServiceCore({ service: 'hunt-api', configFile });
  const config = core.loaded.config;
  const bus = await createKafkaEventBus({
    brokers: infra.kafkaBrokers,
    topicPrefix: prefix,
    clientId: 'bench-api',
    configVersion: core.loaded.version,
    partitions: 2,
  });
  const lootStore = await createRedisTreasureStore({
    url: infra.redisUrl,
    keyPrefix: prefix,
    rules: claimRulesFrom(config),
    configVersion: core.loaded.version,
  });
  const harness = { bus, port: loot.info.port, store: lootStore };
  /** A hunt API replica as the app runs it (huntService), listening on a free port. */
  const replica = async (service: string) => {
    const ctx = createServiceContext({
      service,
      core: createServiceCore({ service, configFile }),
      logger: createLogger(service, 'silent'),
      infra: scoped,
    });
    const part = await huntService(ctx, { jwtSecret: SECRET, lootAddress: `127.0.0.1:${harness.port}` });
    const running = await startService(ctx, part, { host: '127.0.0.1', httpPort: 0, grpcPort: 0 });
    return { index: part.index, port: running.httpPort, close: () => closeAll(running.closers, () => {}) };
  };
  const api = await replica('hunt-api');
  // A second replica, only for its nearby index: how fast does a claim on `api` reach it?
  const replicaB = await replica('hunt-api-b');
  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ hello: 'world' }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const portOf = (app: { server: { address(): unknown } }) => (app.server.address() as { port: number }).port;

  try {
    // Treasures: old-town at its steady state (rate x ttl) for the nearby read; one spot in the
    // harbour holds the claim targets, far from every nearby query.
    const zone = config.zones.find((z) => z.id === 'old-town')!;
    const steady = Math.round(config.spawn.base_rate_per_s * zone.weight * config.spawn.treasure_ttl_s);
    const claimCount = Math.ceil(seconds * 3000) + VISIBILITY_SAMPLES;
    const now = Date.now();
    const b = zone.bounds;
    const claimIds: string[] = [];
    const spawns = Array.from({ length: steady + claimCount }, (_, i) => {
      const nearby = i < steady;
      const id = ulid(now);
      if (!nearby) claimIds.push(id);
      return {
        treasure_id: id,
        zone_id: nearby ? zone.id : CLAIM_SPOT.zone,
        // Rounded to 1e-6 degrees, as the spawner's rolls are (libs/spawn-core treasure.ts).
        lat: nearby ? micro(b.min_lat + Math.random() * (b.max_lat - b.min_lat)) : CLAIM_SPOT.lat,
        lng: nearby ? micro(b.min_lng + Math.random() * (b.max_lng - b.min_lng)) : CLAIM_SPOT.lng,
        tier: 'common',
        spawned_at: now,
        expires_at: now + config.spawn.treasure_ttl_s * 1000,
        config_version: core.loaded.version,
      };
    });
    ctx.log(`publishing ${spawns.length} spawns (${steady} in old-town, ${claimCount} claim targets)`);
    // In slices: the bus's group commit would otherwise send one request above Kafka's size limit.
    for (let i = 0; i < spawns.length; i += 500) {
      await Promise.all(
        spawns.slice(i, i + 500).map((value) =>
          harness.bus.publish({
            topic: TREASURE_SPAWNED_TOPIC,
            key: value.zone_id,
            schema: treasureSpawnedV1,
            value,
          }),
        ),
      );
    }
    await waitFor(
      'both API replicas to hold every spawn',
      () => api.index.size() >= spawns.length && replicaB.index.size() >= spawns.length,
      120_000,
    );
    // One key, so one partition consumed in order: the last claim target live means all are.
    await waitFor(
      'loot to materialise the claim targets',
      async () => (await harness.store.treasureState(CLAIM_SPOT.zone, claimIds.at(-1)!, Date.now())) === 'live',
      120_000,
    );

    const nowS = Math.floor(Date.now() / 1000);
    const tokens = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => mintToken({ secret: SECRET, playerId: `${prefix}-${i}`, nowS }));
    const points = Array.from(
      { length: 1000 },
      () =>
        `/v1/treasures?lat=${(b.min_lat + Math.random() * (b.max_lat - b.min_lat)).toFixed(6)}&lng=${(b.min_lng + Math.random() * (b.max_lng - b.min_lng)).toFixed(6)}`,
    );
    const nearbySpec = (durationS: number): LoadSpec => ({
      url: `http://127.0.0.1:${api.port}`,
      connections: CONNECTIONS,
      durationS,
      method: 'GET',
      paths: points,
      tokens: tokens(CONNECTIONS, 'reader'),
    });
    const bareSpec = (durationS: number): LoadSpec => ({
      url: `http://127.0.0.1:${portOf(bare)}`,
      connections: CONNECTIONS,
      durationS,
      method: 'GET',
      paths: ['/'],
      tokens: [],
    });
    ctx.log('warming up');
    await load(bareSpec(1));
    await load(nearbySpec(1));
    const bares: LoadResult[] = [];
    const nearbys: LoadResult[] = [];
    for (let i = 0; i < 2; i++) {
      bares.push(await load(bareSpec(seconds)));
      nearbys.push(await load(nearbySpec(seconds)));
      ctx.log(
        `round ${i + 1}: bare ${Math.round(bares[i]!.rps)} rps, nearby ${Math.round(nearbys[i]!.rps)} rps p99 ${nearbys[i]!.p99_ms} ms`,
      );
    }
    const mean = (rs: LoadResult[], f: (r: LoadResult) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const bareRps = mean(bares, (r) => r.rps);
    const nearbyRps = mean(nearbys, (r) => r.rps);
    ctx.emit({
      bench: 'api-nearby',
      rps: Math.round(nearbyRps),
      p99_ms: Math.max(...nearbys.map((r) => r.p99_ms)),
      bare_fastify_rps: Math.round(bareRps),
      ratio: round(nearbyRps / bareRps, 2),
      errors: nearbys.reduce((s, r) => s + r.errors + r.non2xx, 0),
      treasures_in_zone: steady,
      connections: CONNECTIONS,
    });

    const visibilityToken = mintToken({ secret: SECRET, playerId: 'visibility', nowS });
    const visibility = await measureClaimVisibility({
      ids: claimIds.splice(0, VISIBILITY_SAMPLES),
      replicaB: replicaB.index,
      claim: async (id) =>
        (
          await fetch(`http://127.0.0.1:${api.port}/v1/treasures/${id}/claim`, {
            method: 'POST',
            headers: { authorization: `Bearer ${visibilityToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ lat: CLAIM_SPOT.lat, lng: CLAIM_SPOT.lng }),
          })
        ).status,
    });
    ctx.emit({ bench: 'api-claim-visibility', ...visibility, target_ms: 250 });

    // Each claim wins a fresh treasure; 1000 players keep every player under claims_per_minute.
    const claimTokens = tokens(Math.max(1000, Math.ceil(claimCount / 20)), 'claimer');
    const claim = await load({
      url: `http://127.0.0.1:${api.port}`,
      connections: CONNECTIONS,
      durationS: seconds,
      amount: claimIds.length,
      method: 'POST',
      paths: claimIds.map((id) => `/v1/treasures/${id}/claim`),
      tokens: claimTokens,
      body: JSON.stringify({ lat: CLAIM_SPOT.lat, lng: CLAIM_SPOT.lng }),
    });
    ctx.emit({
      bench: 'api-claim',
      rps: Math.round(claim.rps),
      p99_ms: claim.p99_ms,
      p50_ms: claim.p50_ms,
      claims: claim.requests,
      errors: claim.errors + claim.non2xx,
      connections: CONNECTIONS,
    });
  } finally {
    await bare.close();
    await replicaB.close();
    await api.close();
    await lootStore.close();
    await bus.close();
    await loot.stop();
    await deleteRedisKeys(infra.redisUrl, prefix);
    await deleteTopics(infra.kafkaBrokers, prefix);
  }
}

/** Deletes this run's topics (those under its prefix). */
async function deleteTopics(brokers: readonly string[], prefix: string): Promise<void> {
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
}
