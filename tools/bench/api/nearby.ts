/**
 * `api-nearby-index` and `api-nearby` of `bench api`: the nearby read at the shipped world's
 * steady state. The replica's index is filled with the base rate x TTL live treasures
 * (nearby-fill.ts); reads come from random playable points with the default radius. The
 * baseline is a bare Fastify route in this process that answers each of those reads with the
 * very bytes the API answered it (fetched once before the load), measured in the same run,
 * interleaved: bare, api, bare, api; rps are the means, p99 the worse slice of each side.
 */
import type { HuntConfig } from '@hunt/config-schema';
import { DEFAULT_NEARBY, DEFAULT_RADIUS_M, type NearbyIndex } from '@hunt/hunt';
import { seededRandom } from '@hunt/spawn-core';
import Fastify from 'fastify';
import type { BenchContext } from '../lib/bench-module';
import { loadAverage1m, machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { playablePoints } from '../lib/shipped-world';
import { percentileSorted, round } from '../lib/stats';
import type { LoadSpec } from './load-client';
import { fillSteadyState, settledHeap } from './nearby-fill';
import { load, type LoadResult } from './processes';

const POINTS = 1000;
/** Spawn times end this far ahead, so the steady count holds while the benchmark reads. */
const LEAD_MS = 3 * 60_000;

export async function measureNearby(opts: {
  ctx: BenchContext;
  config: HuntConfig;
  api: { index: NearbyIndex; port: number };
  seconds: number;
  connections: number;
  tokens: string[];
}): Promise<void> {
  const { ctx, config, api, connections, tokens } = opts;
  const random = seededRandom(13);
  const fill = await fillSteadyState({ index: api.index, config, random, leadMs: LEAD_MS });
  ctx.log(`index: ${fill.live} live treasures in ${fill.fillS.toFixed(1)} s, ${fill.heapBytesPerTreasure} B heap each`);
  const points = playablePoints(config, POINTS, random);
  const paths = points.map((p) => `/v1/treasures?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}`);
  const read = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${api.port}${path}`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.text();
  };
  // The first read of a point builds the JSON prefix of each treasure it lists (cached per
  // treasure). One read before: the HTTP client's own first-use allocations stay out.
  await read(paths[0]!);
  const heap1 = await settledHeap();
  for (const path of paths) await read(path);
  const prefixHeap = (await settledHeap()) - heap1;
  const now = Date.now();
  const near = (p: { lat: number; lng: number }, limit: number) =>
    api.index.near(p.lat, p.lng, DEFAULT_RADIUS_M, limit, now);
  const listedIds = new Set(points.flatMap((p) => near(p, DEFAULT_NEARBY).map((h) => h.treasure.id)));
  // What each read answers: the bare baseline serves these very bytes.
  const bodies = new Map<string, string>();
  for (const path of paths) bodies.set(path, await read(path));
  const listed = ascending(paths.map((p) => (JSON.parse(bodies.get(p)!) as { treasures: unknown[] }).treasures.length));
  if (listed.at(-1)! > DEFAULT_NEARBY) throw new Error(`a read listed ${listed.at(-1)}, more than DEFAULT_NEARBY`);
  const within = ascending(points.map((p) => near(p, Number.MAX_SAFE_INTEGER).length));
  // The index's own share of a read: near() over the same points, limited as the route limits
  // it, in CPU time of this thread (wall time on a shared box counts other tenants' turns).
  const reps = 3;
  const cpu0 = process.threadCpuUsage();
  for (let r = 0; r < reps; r++) for (const p of points) near(p, DEFAULT_NEARBY);
  const cpu = process.threadCpuUsage(cpu0);
  const indexReadUs = (cpu.user + cpu.system) / (reps * points.length);
  ctx.emit({
    bench: 'api-nearby-index',
    live_treasures: fill.live,
    heap_bytes_per_treasure: fill.heapBytesPerTreasure,
    heap_method: 'heapUsed after gc() (via v8.setFlagsFromString), settled, after the fill minus before, / count',
    prefix_bytes_per_listed: Math.round(prefixHeap / listedIds.size),
    listed_distinct: listedIds.size,
    fill_s: round(fill.fillS, 1),
    radius_m: DEFAULT_RADIUS_M,
    query_points: POINTS,
    listed_mean: round(mean(listed), 1),
    listed_p5: percentileSorted(listed, 0.05),
    within_radius_mean: round(mean(within), 1),
    within_radius_p5: percentileSorted(within, 0.05),
    within_radius_empty: within.filter((n) => n === 0).length,
    body_bytes_mean: Math.round(mean([...bodies.values()].map((b) => Buffer.byteLength(b)))),
    index_read_cpu_us: round(indexReadUs, 1),
    load_avg_1m: loadAverage1m(),
  });

  const bare = Fastify({ logger: false });
  bare.get('/v1/treasures', async (req, reply) => reply.type('application/json').send(bodies.get(req.url)));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    const spec = (port: number, durationS: number): LoadSpec => ({
      url: `http://127.0.0.1:${port}`,
      connections,
      durationS,
      method: 'GET',
      paths,
      tokens,
    });
    const barePort = (bare.server.address() as { port: number }).port;
    ctx.log('warming up');
    await load(spec(barePort, 1));
    await load(spec(api.port, 1));
    const [bares, nearbys]: [LoadResult[], LoadResult[]] = [[], []];
    // This process's CPU per request while it serves each side (the server's own cost, which a
    // busy box's scheduling does not inflate as it does wall-time throughput).
    const cpuUs = { bare: 0, api: 0 };
    const measured = async (side: keyof typeof cpuUs, port: number) => {
      const cpu0 = process.cpuUsage();
      const result = await load(spec(port, opts.seconds));
      const cpu = process.cpuUsage(cpu0);
      cpuUs[side] += (cpu.user + cpu.system) / Math.max(1, result.requests) / 2;
      return result;
    };
    const ticks0 = readCpuTicks();
    for (let i = 0; i < 2; i++) {
      bares.push(await measured('bare', barePort));
      nearbys.push(await measured('api', api.port));
      ctx.log(
        `round ${i + 1}: bare ${Math.round(bares[i]!.rps)} rps p99 ${bares[i]!.p99_ms} ms, nearby ${Math.round(nearbys[i]!.rps)} rps p99 ${nearbys[i]!.p99_ms} ms`,
      );
    }
    const machine = machineCpuPct(ticks0, readCpuTicks());
    const [bareRps, nearbyRps] = [mean(bares.map((r) => r.rps)), mean(nearbys.map((r) => r.rps))];
    const [bareP99, nearbyP99] = [Math.max(...bares.map((r) => r.p99_ms)), Math.max(...nearbys.map((r) => r.p99_ms))];
    ctx.emit({
      bench: 'api-nearby',
      rps: Math.round(nearbyRps),
      p99_ms: nearbyP99,
      bare_fastify_rps: Math.round(bareRps),
      bare_fastify_p99_ms: bareP99,
      ratio: round(nearbyRps / bareRps, 2),
      p99_ratio: round(nearbyP99 / Math.max(1, bareP99), 2),
      server_cpu_us_per_read: round(cpuUs.api, 1),
      bare_cpu_us_per_read: round(cpuUs.bare, 1),
      cpu_ratio: round(cpuUs.bare / cpuUs.api, 2),
      errors: nearbys.reduce((s, r) => s + r.errors + r.non2xx, 0),
      bare_errors: bares.reduce((s, r) => s + r.errors + r.non2xx, 0),
      live_treasures: fill.live,
      connections,
      machine_busy_pct: machine?.busy ?? null,
      load_avg_1m: loadAverage1m(),
    });
  } finally {
    await bare.close();
  }
}

const ascending = (xs: number[]) => xs.sort((a, b) => a - b);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
