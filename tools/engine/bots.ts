import { mintToken } from '@hunt/hunt';
import type { HuntConfig } from '@hunt/static-config';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BotStats {
  /** Recent request latencies (ms) with their end times, for the summary's window. */
  readonly latencies: { atMs: number; ms: number }[];
  won: number;
  lost: number;
  errors: number;
  points: number;
}

interface Treasure {
  id: string;
  lat: number;
  lng: number;
}

const TICK_MS = 500;
const LOOK_EVERY_MS = 2000;
const M_PER_DEG = 111_320;

/**
 * Simulated players hunting through the real HTTP API, as a phone would: mint a token, read
 * treasures nearby, walk to the nearest at `speedMps` (a plausible pace, below
 * claim.max_speed_mps), claim it from inside the claim radius, repeat. A bot re-reads every
 * 2 s so it turns to another treasure when its target was claimed by someone else.
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

  async function request<T>(token: string, path: string, body?: object): Promise<{ status: number; json: T }> {
    const started = performance.now();
    const res = await fetch(`${opts.baseUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
      body: body && JSON.stringify(body),
      signal: controller.signal,
    });
    const json = (await res.json()) as T;
    stats.latencies.push({ atMs: Date.now(), ms: performance.now() - started });
    return { status: res.status, json };
  }

  async function bot(index: number): Promise<void> {
    const playerId = `bot-${String(index + 1).padStart(2, '0')}`;
    const token = mintToken({
      secret: opts.jwtSecret,
      playerId,
      nowS: Math.floor(Date.now() / 1000),
      ttlS: 7 * 86_400,
    });
    const zone = config.zones[index % config.zones.length]!.bounds;
    let lat = zone.min_lat + Math.random() * (zone.max_lat - zone.min_lat);
    let lng = zone.min_lng + Math.random() * (zone.max_lng - zone.min_lng);
    let target: Treasure | undefined;
    let lookedAt = 0;
    await sleep(Math.random() * 1000, undefined, { signal: controller.signal }); // spread the bots out
    while (!controller.signal.aborted) {
      if (Date.now() - lookedAt >= LOOK_EVERY_MS) {
        lookedAt = Date.now();
        const near = await request<{ treasures?: Treasure[] }>(
          token,
          `/v1/treasures?lat=${lat}&lng=${lng}&radius=1000`,
        );
        const nearest = near.json.treasures?.[0];
        if (!target || !near.json.treasures?.some((t) => t.id === target!.id)) target = nearest;
      }
      if (target) {
        const dy = (target.lat - lat) * M_PER_DEG;
        const dx = (target.lng - lng) * M_PER_DEG * Math.cos((lat * Math.PI) / 180);
        const dist = Math.hypot(dx, dy);
        if (dist <= config.claim.radius_m / 2) {
          const res = await request<{ points?: number }>(token, `/v1/treasures/${target.id}/claim`, { lat, lng });
          if (res.status === 200) {
            stats.won++;
            stats.points += res.json.points ?? 0;
          } else if (res.status < 500) stats.lost++;
          else stats.errors++;
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
        // A failed request (engine stopping, a 5xx body that is not JSON) restarts the bot's loop.
        await bot(i).catch(() => void (controller.signal.aborted || stats.errors++));
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
