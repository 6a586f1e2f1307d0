import type { Ledger } from './ledger';
import type { PlannedRequest } from './open-loop';

/** A listed treasure as the nearby read returns it (what a claim may aim at). */
interface Listed {
  readonly id: string;
  readonly lat: number;
  readonly lng: number;
  readonly expires_at: number;
  readonly distance_m: number;
}

export interface Player {
  readonly id: string;
  readonly token: string;
  lat: number;
  lng: number;
  /** The last nearby answer, nearest first; claims aim only at these. */
  listed: Listed[];
  /** When this player's last claim was sent (ms, wall clock): pacing for the speed and rate rules. */
  lastClaimMs: number;
  readonly tried: Set<string>;
}

const PENDING = 'HUNT_ERR_TREASURE_PENDING';
const PENDING_RETRIES = 3;

/** The client's mix of requests, as shares of the offered rate (a game client mostly looks around). */
export const MIX = { nearby: 0.8, claim: 0.12, me: 0.05, leaderboard: 0.03 } as const;
/** A player claims at most this often: the claims limit (30/min) and the speed check (40 m/s) both hold. */
const CLAIM_EVERY_MS = 2_500;
/** How far a player walks to a listed treasure between two claims (well under 40 m/s x 2.5 s). */
const MAX_WALK_M = 80;

/**
 * The open-loop generator's `next`: request i picks its route by the mix (a fixed pattern of
 * 100 slots, so the shares hold in every second) and a player round-robin. A claim goes to a
 * player whose last read listed an unexpired treasure within walking distance and who has not
 * claimed for CLAIM_EVERY_MS; the player walks there (the claim is sent from the treasure's
 * position). When no player can claim, that slot reads nearby instead. Each answer goes to the
 * ledger: wins, and refusals of a treasure the player was listed (404 or 503 pending).
 */
export function createPlayerMix(opts: {
  players: readonly Player[];
  /** The hunt-api replicas a load balancer would route to now (round-robin). */
  apiUrls: () => readonly string[];
  ledger: Ledger;
  /** Seconds since the replay started (for the ledger's per-second books). */
  elapsedS: () => number;
}): (i: number) => PlannedRequest {
  const { players, ledger } = opts;
  const pattern = mixPattern();
  let nextPlayer = 0;
  let nextApi = 0;
  const api = () => {
    const urls = opts.apiUrls();
    return urls[nextApi++ % urls.length]!;
  };
  const call = async (path: string, player: Player, signal: AbortSignal, init?: RequestInit) => {
    const base = api();
    const res = await fetch(`${base}${path}`, {
      ...init,
      signal,
      headers: { authorization: `Bearer ${player.token}`, 'content-type': 'application/json' },
    });
    const text = await res.text();
    return { status: res.status, text, retryAfterS: Number(res.headers.get('retry-after')) || 0, url: base };
  };
  const outcome = (status: number, text: string): { status: number; code?: string } => {
    if (status < 400) return { status };
    try {
      const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      return code ? { status, code } : { status };
    } catch {
      return { status };
    }
  };

  const describe = (t: Listed, url: string, text: string) =>
    `${t.id} (expires in ${((t.expires_at - Date.now()) / 1000).toFixed(1)} s) via ${url}: ${text.slice(0, 160)}`;
  const isPending = (a: { status: number; text: string; retryAfterS: number }) =>
    a.status === 503 && a.retryAfterS > 0 && outcome(a.status, a.text).code === PENDING;

  const nearby = (player: Player): PlannedRequest => ({
    route: 'nearby',
    async send(signal) {
      const { status, text } = await call(`/v1/treasures?lat=${player.lat}&lng=${player.lng}`, player, signal);
      if (status === 200) player.listed = (JSON.parse(text) as { treasures: Listed[] }).treasures;
      return outcome(status, text);
    },
  });

  const claimable = (player: Player, nowMs: number) =>
    nowMs - player.lastClaimMs >= CLAIM_EVERY_MS
      ? player.listed.find((t) => !player.tried.has(t.id) && t.expires_at > nowMs + 1000 && t.distance_m <= MAX_WALK_M)
      : undefined;

  const claim = (player: Player, target: Listed): PlannedRequest => {
    player.tried.add(target.id);
    player.lastClaimMs = Date.now();
    [player.lat, player.lng] = [target.lat, target.lng];
    player.listed = player.listed.filter((t) => t.id !== target.id);
    return {
      route: 'claim',
      async send(signal) {
        const body = JSON.stringify({ lat: target.lat, lng: target.lng });
        const send = () => call(`/v1/treasures/${target.id}/claim`, player, signal, { method: 'POST', body });
        let answer = await send();
        // As the app does: a pending treasure (listed, not yet known to loot or to this replica)
        // is retried after Retry-After, up to PENDING_RETRIES times; the latency includes the waits.
        for (let retry = 0; retry < PENDING_RETRIES && isPending(answer); retry++) {
          const waitMs = answer.retryAfterS * 1000;
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          answer = await send();
        }
        const { status, text } = answer;
        const o = outcome(status, text);
        if (status === 200) {
          const award = JSON.parse(text) as { replayed: boolean };
          ledger.won(target.id, player.id, award.replayed, opts.elapsedS());
        } else if (status === 404 && target.expires_at > Date.now()) {
          ledger.listedRefused('not-found', opts.elapsedS(), describe(target, answer.url, text));
        } else if (o.code === PENDING) {
          ledger.listedRefused('pending', opts.elapsedS(), describe(target, answer.url, text));
        }
        return o;
      },
    };
  };

  const read = (route: 'me' | 'leaderboard', player: Player): PlannedRequest => ({
    route,
    async send(signal) {
      const { status, text } = await call(route === 'me' ? '/v1/players/me' : '/v1/leaderboard', player, signal);
      return outcome(status, text);
    },
  });

  return (i) => {
    const route = pattern[i % pattern.length]!;
    const player = players[nextPlayer++ % players.length]!;
    if (route === 'claim') {
      const nowMs = Date.now();
      // Look a little further than this slot's player for one who can claim now.
      for (let k = 0; k < Math.min(players.length, 50); k++) {
        const p = players[(nextPlayer + k) % players.length]!;
        const target = claimable(p, nowMs);
        if (target) return claim(p, target);
      }
      return nearby(player);
    }
    if (route === 'me' || route === 'leaderboard') return read(route, player);
    return nearby(player);
  };
}

/** 100 slots holding each route's share of MIX, spread evenly (a claim every ~8 requests). */
function mixPattern(): (keyof typeof MIX)[] {
  const slots: (keyof typeof MIX)[] = [];
  const entries = Object.entries(MIX) as [keyof typeof MIX, number][];
  const credit = new Map(entries.map(([route]) => [route, 0]));
  for (let i = 0; i < 100; i++) {
    for (const [route, share] of entries) credit.set(route, credit.get(route)! + share);
    const [best] = [...credit].sort((a, b) => b[1] - a[1])[0]!;
    credit.set(best, credit.get(best)! - 1);
    slots.push(best);
  }
  return slots;
}
