import { mintToken } from '@hunt/hunt';
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { randomPointInCell } from '@hunt/world';
import { setTimeout as sleep } from 'node:timers/promises';
import { countOutcome, createRecentIds, failureCode, pickTarget, type Treasure } from './bot-logic';

export interface BotStats {
  /** Recent request latencies (ms) with their end times, for the summary's window. */
  readonly latencies: { atMs: number; ms: number }[];
  /**
   * Claims by outcome: 'won', or why one failed: the HUNT_ERR_* code of the error body,
   * `http_<status>` for a reply without one, 'network' when no reply came.
   */
  readonly claims: Map<string, number>;
  /** Failed reads of treasures nearby, by the same codes. */
  readonly readFailures: Map<string, number>;
  points: number;
  /** Times a bot's loop threw (a bug: requests do not throw) and the bot started over. */
  crashes: number;
}

export function createBotStats(): BotStats {
  return { latencies: [], claims: new Map(), readFailures: new Map(), points: 0, crashes: 0 };
}

type Reply<T> = { ok: true; json: T } | { ok: false; code: string };

const TICK_MS = 500;
const LOOK_EVERY_MS = 2000;
const M_PER_DEG = 111_320;
/** Failed treasure ids each bot remembers and skips. */
const FAILED_IDS = 1000;

/**
 * Simulated players hunting through the real HTTP API, as a phone would: mint a token, read
 * treasures nearby, walk to the nearest at `speedMps` (a plausible pace, below
 * claim.max_speed_mps), claim it from inside the claim radius, repeat. A bot re-reads every
 * 2 s so it turns to another treasure when its target was claimed by someone else, and never
 * targets again a treasure whose claim failed.
 */
export function startBots(opts: {
  count: number;
  baseUrl: string;
  config: HuntConfig;
  jwtSecret: string;
  speedMps: number;
  stats: BotStats;
}): { stop(): Promise<void> } {
  const controller = new AbortController();
  const { stats, config } = opts;

  /** Resolves with the reply or its failure code; rejects only when the bots are stopping. */
  async function request<T>(token: string, path: string, body?: object): Promise<Reply<T>> {
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(`${opts.baseUrl}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
        body: body && JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw error;
      return { ok: false, code: 'network' };
    }
    const json: unknown = await res.json().catch(() => undefined);
    stats.latencies.push({ atMs: Date.now(), ms: performance.now() - started });
    return res.ok && json !== undefined
      ? { ok: true, json: json as T }
      : { ok: false, code: failureCode(res.status, json) };
  }

  async function bot(index: number): Promise<void> {
    const playerId = `bot-${String(index + 1).padStart(2, '0')}`;
    const token = mintToken({
      secret: opts.jwtSecret,
      playerId,
      nowS: Math.floor(Date.now() / 1000),
      ttlS: 7 * 86_400,
    });
    // Each bot starts in a random playable cell, round-robin over the zones (every zone gets hunters).
    const zones = worldOf(config).zones;
    const cells = zones[index % zones.length]!.cells;
    let { lat, lng } = randomPointInCell(cells[Math.floor(Math.random() * cells.length)]!, Math.random);
    const failed = createRecentIds(FAILED_IDS);
    let target: Treasure | undefined;
    let lookedAt = 0;
    await sleep(Math.random() * 1000, undefined, { signal: controller.signal }); // spread the bots out
    while (!controller.signal.aborted) {
      if (Date.now() - lookedAt >= LOOK_EVERY_MS) {
        lookedAt = Date.now();
        const near = await request<{ treasures: Treasure[] }>(token, `/v1/treasures?lat=${lat}&lng=${lng}&radius=1000`);
        if (near.ok) target = pickTarget(near.json.treasures, failed, target);
        else countOutcome(stats.readFailures, near.code);
      }
      if (target) {
        const dy = (target.lat - lat) * M_PER_DEG;
        const dx = (target.lng - lng) * M_PER_DEG * Math.cos((lat * Math.PI) / 180);
        const dist = Math.hypot(dx, dy);
        if (dist <= config.claim.radius_m / 2) {
          const res = await request<{ points?: number }>(token, `/v1/treasures/${target.id}/claim`, { lat, lng });
          countOutcome(stats.claims, res.ok ? 'won' : res.code);
          if (res.ok) stats.points += res.json.points ?? 0;
          else failed.add(target.id);
          target = undefined;
          lookedAt = 0;
        } else {
          const step = Math.min(1, (opts.speedMps * TICK_MS) / 1000 / dist);
          lat += (dy * step) / M_PER_DEG;
          lng += (dx * step) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
        }
      }
      await sleep(TICK_MS, undefined, { signal: controller.signal });
    }
  }

  const running = Array.from({ length: opts.count }, (_, i) =>
    (async () => {
      while (!controller.signal.aborted) {
        await bot(i).catch(() => void (controller.signal.aborted || stats.crashes++));
        await sleep(1000, undefined, { signal: controller.signal }).catch(() => {});
      }
    })(),
  );
  return {
    async stop() {
      controller.abort();
      await Promise.all(running);
    },
  };
}
