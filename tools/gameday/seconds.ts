import type { Ledger } from './ledger';
import type { LoadSecond } from './open-loop';
import type { PromSecond } from './recorder';
import type { Phase, PhaseName, RouteStats, SecondRow } from './timeline';

/**
 * The timeline's rows: second t of the players' side (by intended send time), the engine's
 * side as Prometheus saw it at t, and the ledger's books for t. Pure; a side with no sample for
 * a second leaves its fields empty (null) rather than guessing.
 */
export function buildSeconds(opts: {
  phases: readonly Phase[];
  load: readonly LoadSecond[];
  prom: readonly PromSecond[];
  ledger: Pick<Ledger, 'second'>;
  /** Config version -> its fleet cap, events/s. */
  caps: Readonly<Record<string, number>>;
}): SecondRow[] {
  const promAt = new Map(opts.prom.map((p) => [p.t, p]));
  const phaseAt = (t: number): PhaseName =>
    opts.phases.find((p) => t >= p.startS && t < p.endS)?.name ?? opts.phases.at(-1)?.name ?? 'steady';
  return opts.load.map((s): SecondRow => {
    const t = s.second;
    const p = promAt.get(t);
    const books = opts.ledger.second(t);
    const routes: Record<string, RouteStats> = {};
    for (const [route, r] of s.routes)
      routes[route] = {
        count: r.count,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        outcomes: Object.fromEntries(r.outcomes),
        sloMisses: r.sloMisses,
      };
    const live = Object.keys(books.spawnsPerS);
    return {
      t,
      phase: phaseAt(t),
      intended: s.intended,
      shed: s.shed,
      routes,
      spawnsPerS: books.spawnsPerS,
      capPerS: Object.fromEntries(live.map((v) => [v, opts.caps[v] ?? 0])),
      lootLag: p?.lootLag ?? null,
      newestMaterialisedAgeS: p?.newestMaterialisedAgeS ?? null,
      claimsWon: books.claimsWon,
      listedNotFound: books.listedNotFound,
      outboxDepth: p?.outboxDepth ?? null,
      outboxOldestAgeS: p?.outboxOldestAgeS ?? null,
      versions: p?.versions ?? {},
      maxStalenessS: p?.maxStalenessS ?? null,
    };
  });
}
