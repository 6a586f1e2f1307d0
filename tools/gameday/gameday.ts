import { parseConfig, type HuntConfig } from '@hunt/config-schema';
import { TREASURE_SPAWNED_TOPIC } from '@hunt/contracts';
import { uniqueName, waitFor } from '@hunt/event-bus/testing';
import { mintToken } from '@hunt/hunt';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { seededRandom } from '@hunt/spawn-core';
import { ensureInfra, prometheusClient, startPrometheus } from '@hunt/test-infra';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playablePoints } from '../bench/lib/shipped-world';
import { localPlayConfig } from '../engine/local-season';
import { measureApiCapacity, measurePipelineCapacity } from './capacity';
import { createFleet, type Fleet, type Slot } from './fleet';
import { createLedger } from './ledger';
import { runOpenLoop } from './open-loop';
import { createPlayerMix, type Player } from './players';
import { startRecorder } from './recorder';
import { watchTopics } from './watchers';
import { seedRamps } from './seed-ramps';
import { demandPerS, scaleToMachine, storyChange } from './scenario';
import { buildSeconds } from './seconds';
import { SLO_LATENCY_MS } from './summary';
import type { GamedayRun, Phase, PhaseName } from './timeline';

export interface GamedayOptions {
  readonly fromFile: string;
  /** Default: the story's change applied to the from config (scenario.ts storyChange). */
  readonly toFile?: string;
  readonly guarded: boolean;
  readonly quick: boolean;
  readonly log: (line: string) => void;
  /** Run the apps from source (tsx) instead of the built bundles in dist/. */
  readonly fromSource?: boolean;
}

/** The story's mixed window: old and new config side by side for 37 s during the rolling deploy. */
export const MIXED_WINDOW_S = 37;
/** Share of the API capacity measured at the start that the players offer (open loop). */
export const OFFERED_FRACTION = 0.25;
/**
 * The old config's spawn demand as a share of the loot-service's measured burst rate, and the
 * fleet cap. Not the burst rate itself: on one box the spawner, every API replica's feed, the
 * ledger and the broker carry each spawn too, and a rollout runs two of everything, so the
 * whole pipeline sustains a fraction of what one loot-service drains alone. The story's x3
 * then asks for 0.3 of the burst rate, more than the box carries end to end in the mixed
 * window; the cap lets through 0.2 (2x the old demand).
 */
export const OLD_DEMAND_FRACTION = 0.1;
export const CAP_FRACTION = 0.2;
const PLAYERS = 300;
/** TTL of the capacity probe's treasures: below the replay's 60 s floor. */
const PROBE_TTL_S = 30;
/**
 * Live treasures the scaled world keeps (rate x TTL; TTL at least 60 s): about 50 within a
 * player's 250 m at the replay's density, and an index a new replica bootstraps in a second or two.
 */
const LIVE_TREASURES = 60_000;

const durations = (quick: boolean) => ({ steady: quick ? 20 : 60, newOnly: quick ? 20 : 60, again: quick ? 20 : 60 });

/**
 * One replay of the story against the whole engine (issue 14): Redis and Kafka from tools/infra,
 * a real Prometheus scraping every process every second and evaluating the shipped alerts, the
 * three services as separate processes, two replicas of each during a rollout, players on an open
 * loop. Scaled to this machine first: the pipeline's materialisation capacity sets the world's
 * density (see OLD_DEMAND_FRACTION),
 * the API's capacity sets the offered rate. Phases: steady on the old version; rollout (a new
 * replica of each service beside the old, the old get SIGTERM after MIXED_WINDOW_S); new-only;
 * rollback (the old version back the same way); steady again. Everything is scoped by a fresh
 * key and topic prefix, removed at the end.
 */
export async function runGameday(opts: GamedayOptions): Promise<GamedayRun> {
  const { log } = opts;
  const infra = await ensureInfra({ log });
  const prefix = uniqueName('gameday').toLowerCase();
  const secrets = { jwt: secret(), lootRoll: secret(), lootServiceToken: secret() };
  const fleet = await createFleet({
    redisUrl: infra.redisUrl,
    kafkaBrokers: infra.kafkaBrokers,
    keyPrefix: prefix,
    secrets,
    unguarded: !opts.guarded,
    fromSource: opts.fromSource,
  });
  const prometheus = await startPrometheus({ targets: fleet.targets(), log });
  const prom = prometheusClient({ url: prometheus.url });
  const notes: string[] = [];
  try {
    // The configs as they would ship, with their season running now.
    const now = Date.now();
    const fromText = readFileSync(localPlayConfig(opts.fromFile, now).file, 'utf8');
    const toText = opts.toFile ? readFileSync(localPlayConfig(opts.toFile, now).file, 'utf8') : storyChange(fromText);

    // Scale to this machine: the pipeline's capacity, measured with the old version's fleet
    // running (the API's feed and the spawner take their share of the box, as in the replay).
    // The probe's config lives PROBE_TTL_S: what it spawns (its spawner, the burst) must not outlive the replay's
    // scaled TTL (at least 60 s), or replicas started later (bootstrapping from now - that TTL)
    // would not know treasures the old ones list.
    const unscaled = parse(fromText);
    const probeText = scaleToMachine(fromText, {
      densityFactor: 1,
      capPerS: unscaled.spawn.throttle_cap_per_s,
      busPerS: unscaled.limits.bus_events_per_s,
      ttlS: PROBE_TTL_S,
    });
    const probeFile = tempConfig('probe', probeText);
    await startSlot(fleet, 'a', probeFile);
    const pipelinePerS = await measurePipelineCapacity({
      fleet,
      brokers: infra.kafkaBrokers,
      prefix,
      config: parse(probeText),
      log,
    });
    await Promise.all((['hunt-api', 'spawner', 'loot-service'] as const).map((s) => fleet.stop(s, 'a')));
    const fromDemand = demandPerS(unscaled, now);
    const oldDemand = OLD_DEMAND_FRACTION * pipelinePerS;
    const scale = {
      densityFactor: oldDemand / fromDemand,
      capPerS: Math.round(CAP_FRACTION * pipelinePerS),
      busPerS: Math.round(pipelinePerS),
      ttlS: Math.min(unscaled.spawn.treasure_ttl_s, Math.max(60, Math.round(LIVE_TREASURES / oldDemand))),
    };
    const from = scaleToMachine(fromText, scale);
    const to = scaleToMachine(toText, scale);
    const [fromConfig, toConfig] = [parse(from), parse(to)];
    const files = { from: tempConfig('from', from), to: tempConfig('to', to) };
    const demand = {
      [String(fromConfig.version)]: Math.round(demandPerS(fromConfig, now)),
      [String(toConfig.version)]: Math.round(demandPerS(toConfig, now)),
    };
    log(
      `pipeline ${Math.round(pipelinePerS)} spawns/s; demand v${fromConfig.version} ${demand[fromConfig.version]}/s, ` +
        `v${toConfig.version} ${demand[toConfig.version]}/s; cap ${scale.capPerS}/s${opts.guarded ? '' : ' (unguarded: not applied)'}; ` +
        `ttl ${scale.ttlS} s`,
    );
    // The probe's spawns stay on the topic and in Redis: real treasures, claimable, in the ledger.

    // Steady state from the first second: ramps as a long-running old version would have left them.
    await seedRamps({ redisUrl: infra.redisUrl, keyPrefix: prefix, config: fromConfig, atMs: Date.now() });
    await startSlot(fleet, 'a', files.from);
    let startMs = Number.POSITIVE_INFINITY;
    const ledger = createLedger(() => startMs);
    const watchers = await watchTopics({ brokers: infra.kafkaBrokers, topicPrefix: prefix, ledger });
    await waitFor(
      'Prometheus scraping every live process',
      async () => (await prom.query('up == 1')).length >= 3,
      30_000,
      500,
    );

    const random = seededRandom(11);
    const nowS = Math.floor(Date.now() / 1000);
    const players: Player[] = playablePoints(fromConfig, PLAYERS, random).map((p, i) => ({
      id: `gameday-player-${i}`,
      token: mintToken({ secret: secrets.jwt, playerId: `gameday-player-${i}`, nowS }),
      lat: p.lat,
      lng: p.lng,
      listed: [],
      lastClaimMs: 0,
      tried: new Set(),
    }));
    const apiCapacityRps = await measureApiCapacity({ url: fleet.apiUrl('a'), players, log });
    const offeredRps = Math.max(20, Math.round(OFFERED_FRACTION * apiCapacityRps));

    const d = durations(opts.quick);
    /** The load's longest run: the phases plus starting six processes; it is stopped after steady-again. */
    const maxS = d.steady + 2 * MIXED_WINDOW_S + d.newOnly + d.again + 120;
    const endLoad = new AbortController();
    const lb = new Set<Slot>(['a']);
    const phases: Phase[] = [];
    let phase: { name: PhaseName; startS: number } = { name: 'steady', startS: 0 };
    const elapsedS = () => (Date.now() - startMs) / 1000;
    const enter = (name: PhaseName) => {
      const t = Math.round(elapsedS());
      phases.push({ name: phase.name, startS: phase.startS, endS: t });
      phase = { name, startS: t };
      log(`t=${t}s ${name}`);
    };
    const mix = createPlayerMix({ players, apiUrls: () => [...lb].map((s) => fleet.apiUrl(s)), ledger, elapsedS });

    // Warm: processes that have served a while (JIT, caches, connections), as before a real deploy.
    const warmS = opts.quick ? 10 : 30;
    log(`warming up: ${warmS} s of the same load, not recorded`);
    startMs = Date.now() + warmS * 1000; // the warm-up's answers fall before second 0
    await runOpenLoop({ ratePerS: offeredRps, durationMs: warmS * 1000, maxInFlight: 512, timeoutMs: 2000, next: mix });
    startMs = Date.now();
    const recorder = startRecorder({ prom, startMs, spawnTopicSuffix: TREASURE_SPAWNED_TOPIC });
    const load = runOpenLoop({
      ratePerS: offeredRps,
      durationMs: maxS * 1000,
      maxInFlight: 512,
      timeoutMs: 2000,
      next: mix,
      signal: endLoad.signal,
      sloMs: SLO_LATENCY_MS,
    });
    log(
      `t=0s steady on v${fromConfig.version}: ${offeredRps} req/s offered by ${PLAYERS} players (${OFFERED_FRACTION} of ${apiCapacityRps})`,
    );

    const sleepUntil = (s: number) => new Promise((r) => setTimeout(r, Math.max(0, startMs + s * 1000 - Date.now())));
    /**
     * A rolling deploy from slot `out` to slot `into`, as the story's: the new replicas start
     * beside the old ones, the load balancer routes to the new hunt-api once it is ready, and
     * MIXED_WINDOW_S after the deploy began the old ones get SIGTERM: first the hunt-api (routed
     * away from before, so it only finishes what it has), then its loot-service and spawner.
     * Returns seconds from the deploy's start until only the new version runs.
     */
    const roll = async (into: Slot, out: Slot, file: string) => {
      const began = Date.now();
      await startSlot(fleet, into, file);
      lb.add(into);
      await new Promise((r) => setTimeout(r, Math.max(0, began + MIXED_WINDOW_S * 1000 - Date.now())));
      lb.delete(out);
      await fleet.stop('hunt-api', out);
      await Promise.all([fleet.stop('spawner', out), fleet.stop('loot-service', out)]);
      return (Date.now() - began) / 1000;
    };

    await sleepUntil(d.steady);
    enter('rollout');
    const rolloutS = await roll('b', 'a', files.to);
    enter('new-only');
    await sleepUntil(elapsedS() + d.newOnly);
    enter('rollback');
    const rollbackS = await roll('a', 'b', files.from);
    enter('steady-again');
    await sleepUntil(elapsedS() + d.again);
    endLoad.abort();
    const loadSeconds = await load;
    phases.push({ name: phase.name, startS: phase.startS, endS: Math.round(elapsedS()) });
    log(`load done; the rollout took ${rolloutS.toFixed(1)} s, the rollback ${rollbackS.toFixed(1)} s`);

    // Every won claim's award must reach the topic (the relay may still be publishing the outbox).
    await waitFor('every won claim on the award topic', () => ledger.awardsMissing() === 0, 30_000, 250).catch(() =>
      notes.push(`${ledger.awardsMissing()} won claims had no award on the topic 30 s after the load`),
    );
    const recorded = await recorder.stop();
    await watchers.stop();
    for (const d of ledger.refusalDetails()) notes.push(`claim of a listed treasure refused: ${d}`);
    if (recorded.failures > 0) notes.push(`${recorded.failures} Prometheus queries failed (those seconds show gaps)`);
    const caps = { [String(fromConfig.version)]: scale.capPerS, [String(toConfig.version)]: scale.capPerS };
    return {
      guarded: opts.guarded,
      quick: opts.quick,
      startedAt: new Date(startMs).toISOString(),
      fromVersion: fromConfig.version,
      toVersion: toConfig.version,
      scale: {
        apiCapacityRps,
        offeredRps,
        offeredFraction: OFFERED_FRACTION,
        pipelineCapacityPerS: Math.round(pipelinePerS),
        demandPerS: demand,
        capPerS: scale.capPerS,
      },
      phases,
      seconds: buildSeconds({ phases, load: loadSeconds, prom: recorded.rows, ledger, caps }),
      alerts: recorded.alerts,
      ledger: ledger.verdicts(),
      rollbackS,
      notes,
    };
  } catch (error) {
    log(`game day failed: ${String(error)}\n${fleet.outputs()}`);
    throw error;
  } finally {
    await fleet.stopAll();
    await prometheus.stop();
    await deleteRedisKeys(infra.redisUrl, prefix).catch(() => undefined);
  }
}

const secret = () => randomBytes(24).toString('base64url');

/**
 * A slot's three services started (as a deploy rolls them), resolved once its hunt-api
 * answers /readyz: a load balancer routes players to a replica only when it is ready.
 */
async function startSlot(fleet: Fleet, slot: Slot, configFile: string): Promise<void> {
  // The loot-service first: a hunt-api is ready without it (its nearby read works alone) and
  // would answer claims 503 until its loot-service listens.
  await fleet.start('loot-service', slot, configFile);
  await Promise.all((['spawner', 'hunt-api'] as const).map((s) => fleet.start(s, slot, configFile)));
  await waitFor(
    `hunt-api ${slot} ready`,
    async () => (await fetch(`${fleet.apiUrl(slot)}/readyz`).catch(() => undefined))?.status === 200,
    60_000,
    100,
  );
}
const parse = (text: string): HuntConfig => parseConfig(text, 'gameday.toml');
function tempConfig(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), `gameday-${name}-`)), 'hunt.toml');
  writeFileSync(file, text);
  return file;
}
